// The reference pages generated from the code at build time (nothing here is kept by hand):
//   /reference/errors    every error class and code of every package, from the code unions
//                        and the comment on each member (scripts/reference/error_codes.mjs)
//   /reference/commands  every command, flag, environment variable and exit code, from each
//                        command's own --help (scripts/reference/commands.mjs)
// Either fails the build, naming the place, when a package breaks the convention.
import { collectCommands } from "../../scripts/reference/commands.mjs";
import { collectErrorCodes } from "../../scripts/reference/error_codes.mjs";
import { errorsPage, commandsPage } from "../../scripts/reference/pages.mjs";

export default {
  watch: ["../../packages/*/src/**/*.ts", "../../packages/*/package.json"],
  paths() {
    const errors = collectErrorCodes();
    const commands = collectCommands();
    const problems = [...errors.problems, ...commands.problems];
    if (problems.length > 0) {
      throw new Error(`The reference pages cannot be generated:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    }
    return [
      { params: { page: "errors" }, content: errorsPage(errors.packages) },
      { params: { page: "commands" }, content: commandsPage(commands.commands) },
    ];
  },
};
