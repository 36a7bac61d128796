// Dates a person reads, with the machine-readable value in <time datetime>.
import { formatDate, formatDay, formatTime } from '../format.js';

/** A feed day `YYYY-MM-DD`. */
export function DayLabel(props: { day: string }) {
  return <time datetime={props.day}>{formatDay(props.day)}</time>;
}

/** An ISO timestamp, shown as its date (or with its time when `withTime`). */
export function DateLabel(props: { iso: string; withTime?: boolean }) {
  return <time datetime={props.iso}>{props.withTime ? formatTime(props.iso) : formatDate(props.iso)}</time>;
}
