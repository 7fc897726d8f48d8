// The docs page at /docs: the OpenAPI document rendered as one self-contained HTML page
// (no CDN, so it works on an offline machine).
type Schema = Record<string, unknown>;
type Operation = { summary?: string; description?: string; parameters?: Schema[]; requestBody?: Schema; responses?: Record<string, Schema> };

export function renderDocsPage(document: { info: { title: string; version: string; description?: string }; paths?: Record<string, Record<string, Operation>> }): string {
  const sections = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? []).map((p) => `<li><code>${esc(String(p.name))}</code> (${esc(String(p.in))})${p.required ? ' required' : ''}</li>`).join('');
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<li><b>${status}</b> ${esc(String(r.description ?? ''))}</li>`)
        .join('');
      const body = op.requestBody ? `<details><summary>request body</summary><pre>${esc(JSON.stringify(op.requestBody, null, 2))}</pre></details>` : '';
      return `<section><h2><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h2>
<p>${esc(op.summary ?? '')}${op.description ? ` — ${esc(op.description)}` : ''}</p>
${params ? `<h3>Parameters</h3><ul>${params}</ul>` : ''}${body}<h3>Responses</h3><ul>${responses}</ul></section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(document.info.title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:920px;margin:2rem auto;padding:0 1rem;color:#1d2430}
h1{margin-bottom:0}section{border-top:1px solid #dde;padding:.5rem 0}h2{font-size:1.05rem}h3{font-size:.9rem;margin:.4rem 0}
.m{display:inline-block;min-width:4.2em;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:2px 4px}
.get{background:#2f7d4f}.post{background:#2357a6}pre{background:#f4f5f8;padding:.6rem;overflow:auto;font-size:12px}
@media (prefers-color-scheme:dark){body{background:#14171c;color:#dde2ea}pre{background:#1f242c}section{border-color:#2b313b}}
</style></head><body><h1>${esc(document.info.title)}</h1><p>v${esc(document.info.version)} · <a href="/openapi.json">openapi.json</a></p>
<p>${esc(document.info.description ?? '')}</p>${sections.join('\n')}</body></html>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}
