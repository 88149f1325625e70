/// <reference types="vite/client" />

/** The UI's version (from package.json), set by `define` in vite.config.ts. */
declare const __APP_VERSION__: string;
