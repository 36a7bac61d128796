// The fields of a delivery schedule, shared by the subscribe form and the manage page: what (trending
// digest), how often (daily, weekdays only, weekly), at what local hour, in which time zone. The zone
// defaults to UTC; the page script puts the browser's own zone in when it can.
import { timeZoneNames } from '../../../domain/delivery-schedule.js';

export interface ScheduleValues {
  cadence: 'daily' | 'weekly';
  skipWeekends: boolean;
  hour: number;
  timeZone: string;
  digest: boolean;
}

export const DEFAULT_SCHEDULE: ScheduleValues = {
  cadence: 'daily',
  skipWeekends: false,
  hour: 8,
  timeZone: 'UTC',
  digest: true,
};

const ZONES = timeZoneNames();
const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function ScheduleFields(props: { values: ScheduleValues; idPrefix: string }) {
  const v = props.values;
  const id = (name: string) => `${props.idPrefix}-${name}`;
  return (
    <>
      <label class="check">
        <input type="checkbox" name="digest" value="on" checked={v.digest} /> The day's top trending papers
      </label>
      <fieldset>
        <legend>How often</legend>
        <label class="check">
          <input type="radio" name="cadence" value="daily" checked={v.cadence === 'daily'} /> Daily
        </label>
        <label class="check indent">
          <input type="checkbox" name="skip_weekends" value="on" checked={v.skipWeekends} /> but not on
          Saturdays and Sundays
        </label>
        <label class="check">
          <input type="radio" name="cadence" value="weekly" checked={v.cadence === 'weekly'} /> Weekly, on
          Mondays
        </label>
      </fieldset>
      <div class="field-row">
        <div>
          <label for={id('hour')}>At</label>
          <select id={id('hour')} name="hour">
            {HOURS.map((h) => (
              <option value={String(h)} selected={h === v.hour}>
                {`${String(h).padStart(2, '0')}:00`}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={id('zone')}>Time zone</label>
          <select
            id={id('zone')}
            name="time_zone"
            data-local-zone={v.timeZone === 'UTC' ? 'fill' : undefined}
          >
            {ZONES.map((z) => (
              <option value={z} selected={z === v.timeZone}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </div>
      </div>
    </>
  );
}
