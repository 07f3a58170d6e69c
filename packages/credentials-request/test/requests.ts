// Test fixtures: the two requests the golden files show.

/** A machine-to-machine service: client credentials only. */
export const machineToMachine = {
  applicationName: "Acme Lab Sync",
  environments: ["acceptation", "production"],
  scopes: ["api.read", "api.write"],
  contact: { name: "Jane Doe", email: "jane.doe@acme.example", team: "#lab-integrations" },
  description: "Uploads our lab's operational templates from CI on every merge and lists their versions.",
} as const;

/** A browser app where users sign in with the authorization code flow and PKCE. */
export const browserApp = {
  applicationName: "Acme Template Browser",
  environments: ["development", "production"],
  flow: "authorization-code-pkce",
  redirectUris: ["https://templates.acme.example/auth/callback", "http://127.0.0.1:5173/auth/callback"],
  allowedOrigins: ["https://templates.acme.example", "http://127.0.0.1:5173"],
  scopes: "api.read",
  contact: { name: "Ravi Kumar", email: "ravi.kumar@acme.example" },
  description: "A single-page app where clinicians browse and compare template versions.\nRead-only; a few hundred requests a day.",
} as const;
