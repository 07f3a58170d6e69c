// VitePress loads the local search box (and its index) only when the search opens; keys
// typed in that moment went nowhere, so a quick "/" + "token" searched for nothing. This
// keeps what is typed between opening the search and the box appearing, and hands it to
// the box through the session storage key VitePress restores the last query from.
const QUERY_KEY = "vitepress:local-search-filter";

function typingInAField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return element !== null && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
}

/** Installs the listeners (in the browser only). */
export function keepQueryTypedWhileSearchLoads(): void {
  if (typeof document === "undefined") return;
  let pending: string | undefined;
  const boxIsOpen = (): boolean => document.querySelector(".VPLocalSearchBox") !== null;
  const start = (): void => {
    if (boxIsOpen()) return;
    pending = "";
    sessionStorage.setItem(QUERY_KEY, "");
  };
  document.addEventListener(
    "click",
    (event) => {
      if ((event.target as Element | null)?.closest?.("#local-search")) start();
    },
    true,
  );
  document.addEventListener(
    "keydown",
    (event) => {
      if (pending === undefined) {
        const hotkey =
          (event.key === "/" && !typingInAField(event.target)) || (event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey));
        if (hotkey) start();
        return;
      }
      if (boxIsOpen() || event.key === "Escape") {
        pending = undefined;
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.length === 1) pending += event.key;
      else if (event.key === "Backspace") pending = pending.slice(0, -1);
      else return;
      event.preventDefault();
      sessionStorage.setItem(QUERY_KEY, pending);
    },
    true,
  );
}
