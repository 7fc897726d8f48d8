/** The fenced code blocks of a Markdown text whose info string is `<lang> <tag>`. */
export function readmeBlocks(markdown: string, tag: string): string[] {
  const fence = new RegExp(`^\`\`\`\\w+ ${tag}\\n([\\s\\S]*?)^\`\`\``, 'gm');
  return [...markdown.matchAll(fence)].map((m) => m[1]);
}
