/// <reference path="./tana-core.d.ts" />
/// <reference path="./tana-data.d.ts" />
/// <reference path="./tana-utils.d.ts" />
/// <reference path="./tana-block.d.ts" />
/// <reference path="./tana-tx.d.ts" />

/** The global `console` is the same as `tana:core`'s. */
declare var console: typeof import('tana:core').console;
