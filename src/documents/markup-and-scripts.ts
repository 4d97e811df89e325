/**
 * Text that a browser or a shell would run: a script with a #! line, HTML, SVG (which may carry scripts).
 * Magic-number libraries do not classify text, so these are recognised here from the first bytes.
 */
export function executableText(head: Uint8Array): string | null {
  const text = Buffer.from(head.subarray(0, 1024))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('#!')) return 'tệp lệnh (script)';
  if (/^<(!doctype\s+html|html|head|body|script|iframe)\b/.test(text)) return 'trang HTML';
  if (/^<svg\b/.test(text) || (text.startsWith('<?xml') && text.includes('<svg'))) return 'ảnh SVG';
  if (/^<(!doctype|\?xml)/.test(text)) return 'tài liệu XML/HTML';
  return null;
}
