/**
 * Hand-written gazetteer additions: districts, villages, short forms and other names people
 * write in ads, each mapped to its kommun by the kommun's short name as in SCB's list
 * (resolved to the SCB code when the index is built; a test checks that every target exists).
 *
 * Sources, per entry (`source`):
 * - `scb-tatort`: SCB, "Tätorter 2020" (tätort → kommun), statistikdatabasen MI0810; the
 *   tätort lies in the kommun named.
 * - `kommun-stadsdel`: the kommun's own list of city districts (stadsdelar/stadsdelsområden)
 *   on its website (for Stockholm: stadsdelsnämndsområden; Göteborg: stadsområden; Malmö:
 *   delområden; Umeå: stadsdelar).
 * - `swedavia`: Swedavia, airport location (Stockholm Arlanda Airport lies in Sigtuna kommun).
 * - `usage`: short forms and nicknames in common use in Swedish ads and press ("Sthlm",
 *   "Gbg", "Övik"); English exonyms.
 *
 * Add entries here, never in places.data.ts (generated).
 */
export type AliasSource = 'scb-tatort' | 'kommun-stadsdel' | 'swedavia' | 'usage';

/** One alias: the name as written, the kommun's short name, and where the fact comes from. */
export interface PlaceAlias {
  name: string;
  kommun: string;
  source: AliasSource;
}

const a = (kommun: string, source: AliasSource, names: readonly string[]): PlaceAlias[] =>
  names.map((name) => ({ name, kommun, source }));

/** All aliases, grouped by kommun. */
export const PLACE_ALIASES: readonly PlaceAlias[] = [
  // Stockholm
  ...a('Stockholm', 'usage', ['Sthlm', 'Sthlm', 'Sthlms', 'Stockholm city', 'Sthlm city', 'Stockholms city', 'Stockholm C', 'Stockholm centrum', 'Stockholm central', 'Stockholm innerstad', 'Tjotahejti']),
  ...a('Stockholm', 'kommun-stadsdel', [
    'Södermalm', 'Kungsholmen', 'Östermalm', 'Vasastan', 'Vasastaden', 'Norrmalm', 'Gamla stan', 'Bromma', 'Vällingby', 'Hässelby',
    'Spånga', 'Kista', 'Rinkeby', 'Tensta', 'Husby', 'Akalla', 'Farsta', 'Skärholmen', 'Hammarby sjöstad', 'Liljeholmen', 'Hägersten',
    'Älvsjö', 'Enskede', 'Årsta', 'Skarpnäck', 'Fridhemsplan', 'Odenplan', 'Hornstull', 'Slussen', 'Medborgarplatsen', 'Gärdet',
    'Hjorthagen', 'Bagarmossen', 'Hökarängen', 'Högdalen', 'Rågsved', 'Bandhagen', 'Fruängen', 'Västertorp', 'Aspudden', 'Midsommarkransen',
    'Kärrtorp', 'Björkhagen', 'Gubbängen', 'Vårberg', 'Bredäng', 'Sätra', 'Råcksta', 'Blackeberg', 'Alvik', 'Stureplan', 'T-centralen',
  ]),
  ...a('Solna', 'kommun-stadsdel', ['Råsunda', 'Frösunda', 'Hagalund', 'Bergshamra', 'Huvudsta', 'Arenastaden']),
  ...a('Sundbyberg', 'kommun-stadsdel', ['Rissne', 'Hallonbergen', 'Duvbo', 'Ursvik']),
  ...a('Huddinge', 'scb-tatort', ['Flemingsberg', 'Skogås', 'Segeltorp', 'Stuvsta', 'Trångsund']),
  ...a('Botkyrka', 'scb-tatort', ['Tumba', 'Fittja', 'Hallunda', 'Norsborg', 'Tullinge']),
  ...a('Haninge', 'scb-tatort', ['Handen', 'Jordbro', 'Brandbergen', 'Vendelsö', 'Västerhaninge']),
  ...a('Nacka', 'scb-tatort', ['Fisksätra', 'Saltsjöbaden', 'Orminge', 'Sickla', 'Saltsjö-Boo']),
  ...a('Järfälla', 'scb-tatort', ['Jakobsberg', 'Barkarby', 'Kallhäll', 'Viksjö']),
  ...a('Sollentuna', 'scb-tatort', ['Häggvik', 'Rotebro', 'Tureberg', 'Edsberg']),
  ...a('Sigtuna', 'swedavia', ['Arlanda', 'Arlanda flygplats', 'Stockholm Arlanda']),
  ...a('Sigtuna', 'scb-tatort', ['Märsta', 'Rosersberg', 'Steninge']),
  ...a('Södertälje', 'scb-tatort', ['Järna', 'Hölö', 'Mölnbo', 'Ronna', 'Hovsjö']),
  ...a('Täby', 'usage', ['Täby centrum']),
  ...a('Upplands Väsby', 'usage', ['Väsby']),
  // Göteborg
  ...a('Göteborg', 'usage', ['Gbg', 'Gbgs', 'Gothenburg', 'Göteborg city', 'Göteborg C', 'Göteborg centrum', 'Götet']),
  ...a('Göteborg', 'kommun-stadsdel', [
    'Hisingen', 'Frölunda', 'Västra Frölunda', 'Angered', 'Majorna', 'Linnéstaden', 'Gamlestaden', 'Biskopsgården', 'Kortedala', 'Bergsjön',
    'Hammarkullen', 'Lindholmen', 'Kvillebäcken', 'Eriksberg', 'Torslanda', 'Askim', 'Tynnered', 'Högsbo', 'Johanneberg', 'Lundby',
    'Säve', 'Nordstaden', 'Järntorget', 'Avenyn', 'Brunnsparken', 'Gårda', 'Olskroken', 'Redbergslid',
  ]),
  ...a('Mölndal', 'scb-tatort', ['Kållered', 'Lindome']),
  ...a('Partille', 'scb-tatort', ['Sävedalen', 'Öjersjö']),
  ...a('Härryda', 'scb-tatort', ['Mölnlycke', 'Landvetter']),
  ...a('Kungälv', 'scb-tatort', ['Ytterby', 'Kode']),
  ...a('Lerum', 'scb-tatort', ['Gråbo', 'Floda']),
  ...a('Ale', 'scb-tatort', ['Nödinge', 'Älvängen', 'Surte', 'Nol', 'Alafors']),
  // Malmö and Skåne
  ...a('Malmö', 'kommun-stadsdel', [
    'Rosengård', 'Möllevången', 'Möllan', 'Limhamn', 'Hyllie', 'Västra Hamnen', 'Bunkeflostrand', 'Oxie', 'Husie', 'Fosie', 'Kirseberg',
    'Värnhem', 'Triangeln', 'Slottsstaden', 'Södra Innerstaden', 'Lindängen', 'Kroksbäck', 'Augustenborg',
  ]),
  ...a('Malmö', 'usage', ['Mlm', 'Malmo city', 'Malmö city', 'Malmö C', 'Malmö centrum']),
  ...a('Helsingborg', 'usage', ['Hbg', 'H-borg']),
  ...a('Helsingborg', 'scb-tatort', ['Ödåkra', 'Råå', 'Påarp', 'Rydebäck']),
  ...a('Lund', 'scb-tatort', ['Södra Sandby', 'Dalby', 'Genarp', 'Veberöd']),
  ...a('Kristianstad', 'usage', ['Kristianstad C']),
  // Uppsala
  ...a('Uppsala', 'kommun-stadsdel', ['Gottsunda', 'Flogsta', 'Luthagen', 'Sävja', 'Gränby', 'Stenhagen']),
  ...a('Uppsala', 'usage', ['Upsala', 'Uppsala C']),
  // Östergötland, Jönköping, others with common short forms
  ...a('Linköping', 'usage', ['Lkpg', 'Linkan']),
  ...a('Norrköping', 'usage', ['Nkpg', 'Norrkan']),
  ...a('Jönköping', 'usage', ['Jkpg']),
  ...a('Jönköping', 'scb-tatort', ['Huskvarna', 'Bankeryd', 'Tenhult']),
        ...a('Västerås', 'usage', ['Vås']),
  ...a('Härnösand', 'usage', ['Hsand']),
  ...a('Karlstad', 'scb-tatort', ['Skåre', 'Molkom']),
  ...a('Halmstad', 'scb-tatort', ['Tylösand']),
  ...a('Borås', 'scb-tatort', ['Sandared', 'Fristad', 'Dalsjöfors']),
  ...a('Trollhättan', 'usage', ['Tröllhättan']),
  // Norrland
  ...a('Umeå', 'scb-tatort', ['Holmsund', 'Obbola', 'Sävar', 'Hörnefors', 'Täfteå', 'Röbäck', 'Stöcke', 'Bullmark']),
  ...a('Umeå', 'kommun-stadsdel', ['Ersboda', 'Ålidhem', 'Mariehem', 'Tomtebo', 'Berghem', 'Umedalen', 'Västerslätt', 'Grisbacka', 'Teg', 'Tegsbron', 'Sandbacka', 'Carlshöjd', 'Nydalahöjd', 'Västteg', 'Öbacka', 'Ersmark']),
  ...a('Umeå', 'usage', ['Ume', 'Umeå C', 'Umeå centrum', 'Umeå city']),
  ...a('Skellefteå', 'scb-tatort', ['Skelleftehamn', 'Ursviken', 'Byske', 'Kåge', 'Boliden', 'Jörn', 'Bureå', 'Burträsk']),
  ...a('Skellefteå', 'usage', ['Skellefte', 'Skellefteå C', 'Skeå']),
  ...a('Skellefteå', 'kommun-stadsdel', ['Morö backe', 'Moröbacke', 'Norrböle', 'Sunnanå', 'Erikslid']),
  ...a('Luleå', 'scb-tatort', ['Gammelstad', 'Bergnäset', 'Råneå', 'Södra Sunderbyn']),
  ...a('Luleå', 'kommun-stadsdel', ['Storheden', 'Porsön', 'Hertsön', 'Lulsundet', 'Björkskatan', 'Notviken', 'Örnäset']),
  ...a('Piteå', 'scb-tatort', ['Öjebyn', 'Hortlax', 'Rosvik', 'Norrfjärden', 'Roknäs']),
  ...a('Boden', 'scb-tatort', ['Harads', 'Sävast', 'Gunnarsbyn']),
  ...a('Kiruna', 'scb-tatort', ['Jukkasjärvi', 'Vittangi', 'Svappavaara']),
  ...a('Gällivare', 'scb-tatort', ['Malmberget', 'Koskullskulle']),
  ...a('Örnsköldsvik', 'usage', ['Övik', 'Ö-vik', 'Ovik', 'Örnsköldsvik C']),
  ...a('Örnsköldsvik', 'scb-tatort', ['Husum', 'Bjästa', 'Bredbyn', 'Domsjö', 'Gullänget']),
  ...a('Sundsvall', 'kommun-stadsdel', ['Birsta', 'Skönsberg', 'Nacksta', 'Bosvedjan']),
  ...a('Sundsvall', 'scb-tatort', ['Njurundabommen', 'Kvissleby', 'Stockvik', 'Matfors', 'Alnö', 'Sundsbruk']),
    ...a('Östersund', 'scb-tatort', ['Frösön', 'Brunflo']),
  ...a('Östersund', 'usage', ['Östersund C', 'Östis']),
  ...a('Åre', 'scb-tatort', ['Duved', 'Järpen', 'Undersåker', 'Åre by']),
  ...a('Vännäs', 'scb-tatort', ['Vännäsby']),
  ...a('Gävle', 'scb-tatort', ['Valbo', 'Forsbacka', 'Bergby', 'Hille']),
  ...a('Sandviken', 'scb-tatort', ['Storvik', 'Järbo']),
  // Gotland
  ...a('Gotland', 'scb-tatort', ['Visby', 'Slite', 'Hemse', 'Klintehamn']),
];
