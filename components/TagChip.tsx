export function TagChip({
  name,
  color,
  onRemove,
}: {
  name: string;
  color?: string;
  onRemove?: (event: Event) => void;
}) {
  return (
    <span class="tag" style={color ? { background: color } : undefined}>
      <span class="tag-name">{name}</span>
      {onRemove && (
        <button type="button" class="tag-remove" aria-label={`Remove tag ${name}`} onClick={onRemove}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </span>
  );
}
