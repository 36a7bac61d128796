// Who put a paper on a day's feed, with their picture: their avatar cached by us, or their initials.
import type { Submitter } from '../../../services/paper-card.js';
import { avatarPath } from '../urls.js';

export function SubmitterLabel(props: { submitter: Submitter }) {
  return (
    <span class="submitter">
      {/* The name follows, so the avatar is decorative. */}
      <img
        class="avatar"
        src={avatarPath(props.submitter.name)}
        alt=""
        width={20}
        height={20}
        loading="lazy"
        decoding="async"
      />
      <span>
        Submitted by <span class="submitter-name">{props.submitter.fullname ?? props.submitter.name}</span>
      </span>
    </span>
  );
}
