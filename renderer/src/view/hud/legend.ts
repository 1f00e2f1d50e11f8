/**
 * Legend text of a run. Preset names often quote η ("η = 0.1"); once η is changed such a name
 * would contradict the control, so the legend appends the current η unless the name already
 * states exactly that value.
 */
export function legendLabel(name: string, lr: number): string {
  const value = String(lr);
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const says = new RegExp(`η\\s*=\\s*${escaped}(?![0-9])`).test(name);
  return says ? name : `${name} · η = ${value}`;
}
