// The playground's Astro configuration (filled in by the playground issue): the site
// lives in playground/ and is served by `tana start` beside the ledger.
export default {
  root: './playground',
};
