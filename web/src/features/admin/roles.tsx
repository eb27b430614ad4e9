import type { User } from '../../../../src/contracts/identity';
import { ROLES, type Role } from '../../../../src/core/shared/vocabulary';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n';
import { FieldError } from '../../ui/form';

export function roleLabelKey(role: Role): MessageKey {
  return `role.${role}`;
}

/** Status words for a user; several can hold at once. Text, so no meaning hangs on colour. */
export function userStatuses(t: Translate, user: User): string[] {
  const statuses: string[] = [];
  if (user.isDisabled) statuses.push(t('user.statusDisabled'));
  if (user.isLocked) statuses.push(t('user.statusLocked'));
  if (user.mustChangePassword) statuses.push(t('user.statusMustChange'));
  if (!statuses.length) statuses.push(t('user.statusActive'));
  if (user.hasTotp) statuses.push(t('user.statusTotp'));
  return statuses;
}

/** Role checkboxes in a fieldset; the legend names the group. */
export function RolesFieldset({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string;
}) {
  const t = useT();
  const errorId = `${idPrefix}-roles-error`;
  return (
    <fieldset
      className={`fieldset${error ? ' field--error' : ''}`}
      aria-describedby={error ? errorId : undefined}
      id={`${idPrefix}-roles`}
      tabIndex={-1}
    >
      <legend>
        {t('user.roles')} <span className="required">{t('app.required')}</span>
      </legend>
      <FieldError id={errorId} message={error} />
      <div className="checkbox-list">
        {ROLES.map((role) => {
          const id = `${idPrefix}-role-${role}`;
          return (
            <div className="checkbox" key={role}>
              <input
                id={id}
                type="checkbox"
                checked={value.includes(role)}
                onChange={(event) =>
                  onChange(event.target.checked ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role))
                }
              />
              <label htmlFor={id}>{t(roleLabelKey(role))}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
