// Organization settings: a change shows at once and reaches mail flow an hour later.

import { describe, expect, it } from 'vitest';
import { changeOrgSettings, isOn, pendingChanges, SETTING_PROPAGATION_MS, settingsInForce } from '../../src/tenant/org-config.js';
import { emptyTenant } from '../../src/tenant/tenant.js';

const T0 = new Date('2023-08-15T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const data = () => emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'));

describe('changeOrgSettings', () => {
  it('records the change with its previous value and the time it takes effect', () => {
    const d = data();
    expect(changeOrgSettings(d, { RecallReadMessagesEnabled: false }, T0, 'admin@contoso.com')).toEqual(['RecallReadMessagesEnabled']);
    expect(d.organization.settings.RecallReadMessagesEnabled).toBe(false);
    expect(d.organization.settings.MessageRecallEnabled).toBeNull();
    expect(d.organization.settingChanges).toEqual([
      {
        setting: 'RecallReadMessagesEnabled',
        value: false,
        previous: null,
        changedAt: '2023-08-15T09:00:00Z',
        effectiveAt: '2023-08-15T10:00:00Z',
        changedBy: 'admin@contoso.com',
      },
    ]);
    expect(SETTING_PROPAGATION_MS).toBe(3_600_000);
  });

  it('setting the value it already has changes nothing', () => {
    const d = data();
    expect(changeOrgSettings(d, { MessageRecallEnabled: null }, T0, 'a')).toEqual([]);
    changeOrgSettings(d, { MessageRecallEnabled: false }, T0, 'a');
    expect(changeOrgSettings(d, { MessageRecallEnabled: false, RecallReadMessagesEnabled: null }, at(5), 'a')).toEqual([]);
    expect(d.organization.settingChanges).toHaveLength(1);
  });

  it('an undefined value in the change set means $null', () => {
    const d = data();
    changeOrgSettings(d, { MessageRecallEnabled: true }, T0, 'a');
    expect(changeOrgSettings(d, { MessageRecallEnabled: undefined }, at(1), 'a')).toEqual(['MessageRecallEnabled']);
    expect(d.organization.settings.MessageRecallEnabled).toBeNull();
  });

  it('changes several settings in the schema order and keeps the TimeSpan text', () => {
    const d = data();
    expect(changeOrgSettings(d, { MessageRecallMaxRecallableAge: '30.00:00:00', MessageRecallEnabled: false }, T0, 'a')).toEqual(['MessageRecallEnabled', 'MessageRecallMaxRecallableAge']);
    expect(d.organization.settings.MessageRecallMaxRecallableAge).toBe('30.00:00:00');
  });
});

describe('settingsInForce', () => {
  it('keeps the old value until one hour after the change', () => {
    const d = data();
    changeOrgSettings(d, { RecallReadMessagesEnabled: false }, T0, 'a');
    expect(settingsInForce(d, at(0)).RecallReadMessagesEnabled).toBeNull();
    expect(settingsInForce(d, at(59)).RecallReadMessagesEnabled).toBeNull();
    expect(settingsInForce(d, new Date(at(60).getTime() - 1)).RecallReadMessagesEnabled).toBeNull();
    expect(settingsInForce(d, at(60)).RecallReadMessagesEnabled).toBe(false);
    expect(settingsInForce(d, at(600)).RecallReadMessagesEnabled).toBe(false);
    // a time before the change: the previous value
    expect(settingsInForce(d, at(-30)).RecallReadMessagesEnabled).toBeNull();
  });

  it('follows a sequence of changes, each in force an hour after it was made', () => {
    const d = data();
    changeOrgSettings(d, { MessageRecallEnabled: false }, T0, 'a');
    changeOrgSettings(d, { MessageRecallEnabled: true }, at(30), 'a');
    changeOrgSettings(d, { MessageRecallEnabled: null }, at(120), 'a');
    const v = (m: number) => settingsInForce(d, at(m)).MessageRecallEnabled;
    expect([v(0), v(59), v(60), v(89), v(90), v(179), v(180)]).toEqual([null, null, false, false, true, true, null]);
    // the configured value is the latest at once
    expect(d.organization.settings.MessageRecallEnabled).toBeNull();
  });

  it('settings never changed are the configured ones', () => {
    const d = data();
    d.organization.settings.MessageRecallAlertRecipientsEnabled = true;
    changeOrgSettings(d, { MessageRecallEnabled: false }, T0, 'a');
    const s = settingsInForce(d, at(0));
    expect(s.MessageRecallAlertRecipientsEnabled).toBe(true);
    expect(s.MessageRecallEnabled).toBeNull();
  });

  it('pendingChanges lists the changes not yet in force', () => {
    const d = data();
    changeOrgSettings(d, { MessageRecallEnabled: false }, T0, 'a');
    changeOrgSettings(d, { RecallReadMessagesEnabled: false }, at(30), 'a');
    expect(pendingChanges(d, at(59)).map((c) => c.setting)).toEqual(['MessageRecallEnabled', 'RecallReadMessagesEnabled']);
    expect(pendingChanges(d, at(60)).map((c) => c.setting)).toEqual(['RecallReadMessagesEnabled']);
    expect(pendingChanges(d, at(90))).toEqual([]);
  });
});

describe('isOn', () => {
  it('$null behaves as $true', () => {
    expect(isOn(null)).toBe(true);
    expect(isOn(true)).toBe(true);
    expect(isOn(false)).toBe(false);
  });
});
