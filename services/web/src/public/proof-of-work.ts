import { createHash } from 'node:crypto';
import { Html, html } from './html';
import { t } from './i18n';

/** The form field that carries the browser's solution; the web service forwards it as feedback-intake's `x-altcha` header. */
export const POW_FIELD = 'altcha';

/**
 * The one script of the citizens' pages, inline (its hash is the only script the CSP allows), and
 * progressive: the pages work without it. On a form marked `data-pow` it fetches an ALTCHA-style
 * challenge from /layanan/tantangan (feedback-intake's, fetched for this browser's address), finds
 * the number in the browser with Web Crypto, and puts the solution in the hidden `altcha` field
 * before the form is sent. It solves once when the page loads and again if that solution is older
 * than four minutes (challenges live five); it sends the form again from a task of its own (a form
 * cannot be submitted from within its own submit event). The citizen's own device does the work: the web service
 * never solves. Without JavaScript (or Web Crypto, which browsers give only to https and localhost
 * pages) the form goes without a solution and feedback-intake counts it against its small allowance
 * for submissions without one (PUBLIC_WITHOUT_PROOF_*).
 */
export const POW_SCRIPT = `(function(){
'use strict';
var forms=document.querySelectorAll('form[data-pow]');
if(!forms.length||!window.fetch||!window.crypto||!window.crypto.subtle||!window.TextEncoder)return;
var FRESH_MS=240000,enc=new TextEncoder();
function hex(buffer){var b=new Uint8Array(buffer),s='';for(var i=0;i<b.length;i++)s+=(b[i]<16?'0':'')+b[i].toString(16);return s;}
function solve(){
return fetch('/layanan/tantangan',{headers:{accept:'application/json'},credentials:'same-origin'}).then(function(r){if(!r.ok)throw new Error('challenge '+r.status);return r.json();}).then(function(c){
var at=Date.now();
function from(n){var batch=[];for(var k=0;k<200&&n+k<=c.maxnumber;k++)batch.push(crypto.subtle.digest('SHA-256',enc.encode(c.salt+(n+k))));
if(!batch.length)throw new Error('unsolved');
return Promise.all(batch).then(function(hashes){for(var k=0;k<hashes.length;k++)if(hex(hashes[k])===c.challenge)return {at:at,payload:btoa(JSON.stringify({algorithm:c.algorithm,challenge:c.challenge,number:n+k,salt:c.salt,signature:c.signature}))};return from(n+hashes.length);});}
return from(0);});
}
var current=null;
function fresh(){if(!current||Date.now()-current.started>FRESH_MS){var job={started:Date.now()};job.done=solve();job.done.catch(function(){});current=job;}return current.done;}
fresh();
Array.prototype.forEach.call(forms,function(form){
var field=form.querySelector('input[name="${POW_FIELD}"]'),status=form.querySelector('[data-pow-status]');
form.addEventListener('submit',function(event){
if(form.getAttribute('data-pow-ready')==='1'||!field)return;
event.preventDefault();
var submitter=event.submitter||null;
if(status)status.textContent=form.getAttribute('data-pow-working')||'';
form.setAttribute('aria-busy','true');
fresh().then(function(solved){field.value=solved.payload;},function(){field.value='';}).then(function(){return new Promise(function(done){setTimeout(done,0);});}).then(function(){
if(status)status.textContent='';
form.removeAttribute('aria-busy');
form.setAttribute('data-pow-ready','1');
if(form.requestSubmit){form.requestSubmit(submitter&&submitter.form===form?submitter:undefined);}else{form.submit();}
form.removeAttribute('data-pow-ready');
current=null;
});
});
});
})();`;

export const POW_SCRIPT_HASH = createHash('sha256').update(POW_SCRIPT).digest('base64');

/** What a form that feedback-intake's proof of work protects carries: the empty solution field and the script's live status line. */
export const powFields = (): Html => html`<input type="hidden" name="${POW_FIELD}" value=""><p class="hint" role="status" data-pow-status></p>`;

/** The attributes of such a form's opening tag. */
export const powForm = (): Html => html` data-pow data-pow-working="${t('citizen.pow.working')}"`;
