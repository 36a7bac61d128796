// Who put a paper on a day's feed, with their avatar when it is known (and an https/http URL).
import type { Submitter } from '../../../services/paper-card.js';
import { safeUrl } from '../safe-url.js';

export function SubmitterLabel(props: { submitter: Submitter }) {
  const avatar = safeUrl(props.submitter.avatarUrl);
  return (
    <span class="submitter">
      {/* The name follows, so the avatar is decorative. */}
      {avatar ? (
        <img class="avatar" src={avatar} alt="" width={20} height={20} loading="lazy" decoding="async" />
      ) : null}
      <span>
        Submitted by <span class="submitter-name">{props.submitter.fullname ?? props.submitter.name}</span>
      </span>
    </span>
  );
}
