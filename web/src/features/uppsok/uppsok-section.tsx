import type { WebModule } from '../shell/web-module';
import { FollowUpsPage } from './follow-ups-page';
import { UPPSOK_PATHS } from './outreach-names';
import { ProfileOutreachPage } from './profile-outreach-page';
import { QueuePage } from './queue-page';
import { StatsPage } from './stats-page';
import { TemplatesPage } from './templates-page';

/** Uppsök: the queue, a person's outreach page (history, conversation, new contact), reminders, messages and statistics. */
export const uppsokModule: WebModule = {
  key: 'uppsok',
  navLabel: 'uppsok.nav',
  className: 'uppsok',
  pages: [
    { path: '', element: <QueuePage />, nav: 'uppsok.queue' },
    { path: 'profil/:id', element: <ProfileOutreachPage /> },
    { path: 'paminnelser', element: <FollowUpsPage />, nav: 'uppsok.followUps' },
    { path: 'meddelanden', element: <TemplatesPage />, nav: 'uppsok.templates' },
    { path: 'statistik', element: <StatsPage />, nav: 'uppsok.stats' },
  ],
};
