// Row 3: bundle sizes with their budgets and the rules.
import { checkBudgets, measureAll, readBudgets } from "./sizes.mjs";

export async function sizeResults() {
  const measured = await measureAll();
  const budgets = readBudgets();
  const { rules } = checkBudgets(measured, budgets);
  return { rows: measured.map((m) => ({ ...m, budget: budgets.entries[m.id], ownBudget: budgets.own?.[m.id] })), rules };
}
