import type { ModuleKey } from '../../../../src/contracts/identity';
import { useT } from '../../i18n/i18n';
import { PageHeading } from '../shell/page-heading';
import { moduleLabelKey } from '../shell/modules';

/** A module that is not built yet. It says so plainly. */
export function ModulePlaceholderPage({ module }: { module: ModuleKey }) {
  const t = useT();
  const name = t(moduleLabelKey(module));
  return (
    <section className="placeholder">
      <PageHeading title={name} />
      <p className="lead">{t('module.placeholder', { module: name })}</p>
      <p>{t('module.placeholderMore', { module: name })}</p>
    </section>
  );
}
