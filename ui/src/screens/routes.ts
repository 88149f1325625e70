/** The app's screens. A simple in-app state router: no URL navigation. */
export type Screen = "home" | "book" | "manage" | "privacy";

/** Id of each screen's <h1>, focused after navigation so screen readers announce the new page. */
export const PAGE_TITLE_ID = "page-title";
