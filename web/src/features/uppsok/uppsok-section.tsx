import { NavLink, Route, Routes } from 'react-router';
import { useT } from '../../i18n/i18n';
import { NotFoundPage } from '../shell/simple-pages';
import { FollowUpsPage } from './follow-ups-page';
import { UPPSOK_PATHS } from './outreach-names';
import { ProfileOutreachPage } from './profile-outreach-page';
import { QueuePage } from './queue-page';
import { StatsPage } from './stats-page';
import { TemplatesPage } from './templates-page';

/** Uppsök: the queue, a person's outreach page (history, conversation, new contact), reminders, messages and statistics. */
export function UppsokSection() {
  const t = useT();
  return (
    <div className="uppsok">
      <nav className="sub-nav" aria-label={t('uppsok.nav')}>
        <ul>
          <li>
            <NavLink to={UPPSOK_PATHS.queue} end>
              {t('uppsok.queue')}
            </NavLink>
          </li>
          <li>
            <NavLink to={UPPSOK_PATHS.followUps}>{t('uppsok.followUps')}</NavLink>
          </li>
          <li>
            <NavLink to={UPPSOK_PATHS.templates}>{t('uppsok.templates')}</NavLink>
          </li>
          <li>
            <NavLink to={UPPSOK_PATHS.stats}>{t('uppsok.stats')}</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<QueuePage />} />
        <Route path="profil/:id" element={<ProfileOutreachPage />} />
        <Route path="paminnelser" element={<FollowUpsPage />} />
        <Route path="meddelanden" element={<TemplatesPage />} />
        <Route path="statistik" element={<StatsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
