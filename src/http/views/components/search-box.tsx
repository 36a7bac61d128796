// The compact search form of the header and of error pages: one labelled box, submitted by GET.
export function SearchBox(props: { id: string; value?: string; label?: string }) {
  return (
    <form
      class="search-box"
      role="search"
      action="/search"
      method="get"
      aria-label={props.label ?? 'Site search'}
    >
      <label class="visually-hidden" for={props.id}>
        Search papers
      </label>
      <input
        id={props.id}
        type="search"
        name="q"
        value={props.value}
        placeholder="Search papers"
        maxlength={500}
      />
      <button type="submit">Search</button>
    </form>
  );
}
