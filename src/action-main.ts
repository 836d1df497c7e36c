/** The Action's entry point, bundled into dist/index.mjs. */
import { main } from './action.js';

await main();
