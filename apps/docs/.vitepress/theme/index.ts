// The site's theme: VitePress's default theme plus the interactive tools
// (docs/tools/), registered globally so the pages can use them by name.
import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import CredentialsRequestBuilder from "./components/CredentialsRequestBuilder.vue";
import OptInspector from "./components/OptInspector.vue";
import TemplateVersionIdParser from "./components/TemplateVersionIdParser.vue";
import { keepQueryTypedWhileSearchLoads } from "./search_typeahead.ts";
import "./tools.css";

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component("CredentialsRequestBuilder", CredentialsRequestBuilder);
    app.component("OptInspector", OptInspector);
    app.component("TemplateVersionIdParser", TemplateVersionIdParser);
    keepQueryTypedWhileSearchLoads();
  },
};

export default theme;
