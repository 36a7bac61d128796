// Previous/next links between days, weeks or months. A missing side is shown but inert, so the bar
// keeps its shape and a reader sees they reached the end.
import type { Child } from 'hono/jsx';

export interface PeriodLink {
  href: string;
  label: Child;
}

export function PeriodNav(props: {
  label: string;
  unit: string;
  prev: PeriodLink | null;
  next: PeriodLink | null;
}) {
  return (
    <nav class="period-nav" aria-label={props.label}>
      {props.prev ? (
        <a rel="prev" href={props.prev.href}>
          <span aria-hidden="true">← </span>
          <span class="visually-hidden">{`Previous ${props.unit}: `}</span>
          {props.prev.label}
        </a>
      ) : (
        <span class="period-off">{`No earlier ${props.unit}`}</span>
      )}
      {props.next ? (
        <a rel="next" href={props.next.href}>
          <span class="visually-hidden">{`Next ${props.unit}: `}</span>
          {props.next.label}
          <span aria-hidden="true"> →</span>
        </a>
      ) : (
        <span class="period-off">{`No later ${props.unit}`}</span>
      )}
    </nav>
  );
}
