// Small HTML helpers shared by the export's page builders.

/** Text made safe to place in HTML text or in a double-quoted attribute. */
export function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
