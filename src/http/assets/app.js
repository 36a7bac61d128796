/* global document, fetch, FormData, URLSearchParams, HTMLFormElement */
// paperboy's only script: upgrades the upvote forms to update in place, without a page reload, and
// puts the reader's own time zone in the subscription form. Every form works without it. It sends the form's own fields (CSRF token included) and the token in
// the X-CSRF-Token header; on any failure it falls back to the plain form post.
(function () {
  'use strict';
  // The subscription form defaults to UTC; the browser knows better.
  document.addEventListener('DOMContentLoaded', function () {
    var zone = '';
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch {
      zone = '';
    }
    var selects = document.querySelectorAll('select[data-local-zone="fill"]');
    for (var i = 0; i < selects.length; i++) {
      var select = selects[i];
      for (var j = 0; j < select.options.length; j++)
        if (select.options[j].value === zone) select.value = zone;
    }
  });
  function plural(n) {
    return n.toLocaleString('en-US') + (n === 1 ? ' upvote' : ' upvotes');
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('vote-form')) return;
    if (form.dataset.busy === '1') {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    form.dataset.busy = '1';
    var data = new FormData(form);
    var token = String(data.get('_csrf') || '');
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(data),
      headers: { Accept: 'application/json', 'X-CSRF-Token': token },
      credentials: 'same-origin',
    })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(function (result) {
        var button = form.querySelector('button.vote');
        var count = form.querySelector('.vote-count');
        var vote = form.querySelector('input[name="vote"]');
        var status = form.querySelector('.vote-status');
        var hint = form.querySelector('button.vote .visually-hidden');
        if (button) button.setAttribute('aria-pressed', result.upvoted ? 'true' : 'false');
        if (count) count.textContent = plural(result.upvotes);
        if (vote) vote.value = result.upvoted ? '0' : '1';
        if (hint) hint.textContent = result.upvoted ? ' (upvoted; press to take back)' : ' (press to upvote)';
        if (status)
          status.textContent =
            (result.upvoted ? 'Upvoted. ' : 'Upvote taken back. ') + plural(result.upvotes) + '.';
        delete form.dataset.busy;
      })
      .catch(function () {
        delete form.dataset.busy;
        form.submit();
      });
  });
})();
