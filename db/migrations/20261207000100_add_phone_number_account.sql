-- A number a tenant attached from its own Twilio account stays on that account: the account is
-- remembered so its webhooks can be re-pointed with that account's credentials (`converza
-- numbers sync`) and so detaching it never releases a number Converza did not buy.
alter table public.phone_numbers add column account_sid text;
comment on column public.phone_numbers.account_sid is 'Twilio account (AC…) holding the number when the tenant attached it from its own account; null for numbers bought on the platform account.';
