// Test helper: the repository's OPT fixtures (one loader for every package's tests).
export { chunkedStream, type Fixture, FIXTURES_DIR, loadFixtures } from "../../../fixtures/load_templates.ts";
