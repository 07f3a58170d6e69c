// Types of commands.mjs, for the docs' tests.
export declare const SITE_URL: string;
export interface HelpOption {
  flags: string[];
  argument: string;
  description: string;
  section: string;
}
export interface CommandReference {
  command: string;
  packageName: string;
  dir: string;
  bin: string;
  help: string;
  usage: string | undefined;
  summary: string | undefined;
  options: HelpOption[];
  subcommands: { name: string; argument: string; description: string }[];
  variables: { name: string; mentions: string[] }[];
  exitCodes: { code: number; meaning: string }[];
  flags: string[];
  docs: string | undefined;
}
export declare function collectCommands(): { commands: CommandReference[]; problems: string[] };
