/** Placeholder: present mode is being built (issue 13). */
export function Presentation() {
  return <div data-testid="present" />;
}
