// Keeps the grant form's summary (who, what, why, until when, at what price) in step with the form.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  const form = document.getElementById('grant-form');
  if (!form) { return; }
  function labels(name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (i) {
      const l = form.querySelector('label[for="' + i.id + '"]');
      return l ? l.textContent : i.value;
    });
  }
  function set(id, parts, empty) {
    document.getElementById(id).textContent = parts.length ? parts.join(', ') : empty;
  }
  function update() {
    const who = labels('consumerTypes');
    const named = form.querySelector('#consumer').value.trim();
    if (named) { who.push('and only the consumer ' + named); }
    set('sum-who', who, 'choose consumer types');
    set('sum-what', labels('categories'), 'choose categories');
    set('sum-why', labels('purposes'), 'choose purposes');
    document.getElementById('sum-until').textContent = form.querySelector('#validUntil').value || 'choose a date';
    const price = parseInt(form.querySelector('#minPrice').value || '0', 10);
    document.getElementById('sum-price').textContent = price > 0
      ? 'at least ' + price + ' tokens per patient' : 'any price, including free';
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
});
