/** TEMPORARY: what `require("tslab")` gives the browser bundle (graph/draw.ts uses `display.svg`); see tslab-bridge.ts. */
import { tslabModule } from "./tslab-bridge";
export const display = tslabModule.display;
export const newDisplay = tslabModule.newDisplay;
