// Side-effect style imports (Vite bundles them); only for the theme's type-check.
declare module "*.css";
