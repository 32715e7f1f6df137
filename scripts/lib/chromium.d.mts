/** One line saying how to get Chromium. */
export declare const CHROMIUM_HINT: string;
/** Path of the Chromium to drive with playwright-core, or throws CHROMIUM_HINT. */
export declare function chromiumPath(): string;
/** Flags for a quiet headless Chromium on a closed network. */
export declare const CHROMIUM_ARGS: string[];
