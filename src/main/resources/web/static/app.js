// The workspace works without this file. It adds the print button of the act and keeps the audit form's place:
// a row action («Добавить строку», «Удалить», «Вставить строки») is posted in the background and only its table is
// swapped in, instead of the whole form coming back at the top. Without scripts the same buttons post the form and
// the page returns at the table's anchor (their formaction ends in #f-…).
document.addEventListener('click', function (e) {
  if (e.target && e.target.id === 'print') window.print();
});

document.addEventListener('click', function (e) {
  var button = e.target && e.target.closest ? e.target.closest('button.row-action') : null;
  if (!button || button.dataset.plain || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var form = button.form;
  var block = button.closest('fieldset.table-block');
  if (!form || !block) return;
  e.preventDefault();
  var data = new FormData(form);
  data.append(button.name, button.value);
  var action = button.value.split(':')[0];
  var plain = function () { // anything unexpected: the ordinary post, which returns at the table's anchor
    button.dataset.plain = '1';
    if (form.requestSubmit) form.requestSubmit(button); else button.click();
  };
  block.setAttribute('aria-busy', 'true');
  fetch(form.getAttribute('action'), { method: 'POST', body: new URLSearchParams(data), credentials: 'same-origin' })
    .then(function (r) { return r.text().then(function (text) { return { status: r.status, text: text }; }); })
    .then(function (res) {
      var fresh = new DOMParser().parseFromString(res.text, 'text/html').getElementById(block.id);
      // 200: the table as changed; 400: the table with the reason it was not (too many rows); else (signed out…) the full answer
      if (!fresh || (res.status !== 200 && res.status !== 400)) { plain(); return; }
      block.replaceWith(fresh);
      focusAfter(fresh, action);
      var live = document.getElementById('form-live');
      var caption = fresh.querySelector('caption');
      if (live && caption) live.textContent = caption.textContent;
    })
    .catch(plain);
});

// Where the keyboard continues: a new row's first input, else the table (its caption reads the number of rows).
function focusAfter(block, action) {
  var rows = block.querySelectorAll('tbody tr');
  if (action === 'add' && rows.length > 0) {
    var input = rows[rows.length - 1].querySelector('input, select, textarea');
    if (input) { input.focus(); return; }
  }
  block.focus();
}

// A table's rows are what was given: typing into a row ticks «сведения представлены» (the server reads it so anyway).
document.addEventListener('input', function (e) {
  var cell = e.target && e.target.closest ? e.target.closest('fieldset.table-block tbody') : null;
  if (!cell || !e.target.value) return;
  var given = cell.closest('fieldset.table-block').querySelector('input[type=checkbox][name$=".present"]');
  if (given) given.checked = true;
});
