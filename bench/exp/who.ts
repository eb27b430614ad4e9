import { simulateMarket } from '../../src/core/market/simulate-market';
for (const item of simulateMarket({ seed: 11, persons: 600, days: 20, startDate: '2026-01-05' })) {
  if (item.kind === 'person' && ['P000063','P000076','P000059','P000081'].includes(item.person.personId)) console.log(item.person.personId, item.person.aliases, item.person.operationId);
  if (item.kind === 'observation' && item.record.phoneField?.includes('737') ) { }
  if (item.kind === 'day-end') break;
}
