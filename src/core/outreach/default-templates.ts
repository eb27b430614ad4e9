/**
 * The default outreach message templates, one per language of the market. They are seeded into
 * the `outreach_template` table when missing (an administrator's edits are never overwritten).
 * Swedish and English are written by the project; every other text is marked as needing review
 * by a native speaker before it is used in earnest.
 */
import type { TemplateLanguage, TemplateMarkers } from './outreach';

export interface DefaultTemplate {
  id: string;
  language: TemplateLanguage;
  /** The language's name in Swedish and in the language itself. */
  name: string;
  body: string;
  markers: TemplateMarkers;
  needsNativeReview: boolean;
}

export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    id: 'first-contact-sv',
    language: 'sv',
    name: 'Svenska',
    body: 'Hej! Jag heter {namn} och arbetar på {organisation}. Vi erbjuder stöd till dig som säljer eller har sålt sex. Stödet är kostnadsfritt och frivilligt, och du bestämmer själv vad du vill berätta. Att sälja sex är inte ett brott i Sverige. Vill du prata eller ha hjälp med något? Ring eller sms:a {telefon}.',
    markers: { freeAndVoluntary: 'kostnadsfritt och frivilligt', notACrime: 'inte ett brott' },
    needsNativeReview: false,
  },
  {
    id: 'first-contact-en',
    language: 'en',
    name: 'Engelska / English',
    body: 'Hi! My name is {namn} and I work at {organisation}. We offer support to people who sell or have sold sex. The support is free and voluntary, and you decide what you want to tell us. Selling sex is not a crime in Sweden. Would you like to talk or get help with something? Call or text {telefon}.',
    markers: { freeAndVoluntary: 'free and voluntary', notACrime: 'not a crime' },
    needsNativeReview: false,
  },
  {
    id: 'first-contact-ro',
    language: 'ro',
    name: 'Rumänska / Română',
    body: 'Bună! Mă numesc {namn} și lucrez la {organisation}. Oferim sprijin persoanelor care vând sau au vândut servicii sexuale. Sprijinul este gratuit și voluntar, iar tu decizi ce vrei să ne spui. Vânzarea de servicii sexuale nu este o infracțiune în Suedia. Vrei să vorbim sau ai nevoie de ajutor? Sună sau trimite un SMS la {telefon}.',
    markers: { freeAndVoluntary: 'gratuit și voluntar', notACrime: 'nu este o infracțiune' },
    needsNativeReview: true,
  },
  {
    id: 'first-contact-th',
    language: 'th',
    name: 'Thailändska / ภาษาไทย',
    body: 'สวัสดีค่ะ ฉันชื่อ {namn} ทำงานที่ {organisation} เรามีบริการช่วยเหลือสำหรับผู้ที่ขายบริการทางเพศหรือเคยขาย ความช่วยเหลือนี้ไม่มีค่าใช้จ่ายและเป็นไปตามความสมัครใจ คุณเลือกได้เองว่าจะเล่าอะไรให้เราฟัง การขายบริการทางเพศไม่ใช่ความผิดทางกฎหมายในสวีเดน หากต้องการคุยหรือขอความช่วยเหลือ โทรหรือส่ง SMS มาที่ {telefon}',
    markers: { freeAndVoluntary: 'ไม่มีค่าใช้จ่ายและเป็นไปตามความสมัครใจ', notACrime: 'ไม่ใช่ความผิดทางกฎหมาย' },
    needsNativeReview: true,
  },
  {
    id: 'first-contact-es',
    language: 'es',
    name: 'Spanska / Español',
    body: '¡Hola! Me llamo {namn} y trabajo en {organisation}. Ofrecemos apoyo a personas que venden o han vendido sexo. El apoyo es gratuito y voluntario, y tú decides qué quieres contarnos. Vender sexo no es un delito en Suecia. ¿Quieres hablar o necesitas ayuda? Llama o envía un SMS al {telefon}.',
    markers: { freeAndVoluntary: 'gratuito y voluntario', notACrime: 'no es un delito' },
    needsNativeReview: true,
  },
  {
    id: 'first-contact-pt',
    language: 'pt',
    name: 'Portugisiska / Português',
    body: 'Olá! O meu nome é {namn} e trabalho em {organisation}. Oferecemos apoio a pessoas que vendem ou venderam sexo. O apoio é gratuito e voluntário, e és tu quem decide o que nos queres contar. Vender sexo não é crime na Suécia. Queres conversar ou precisas de ajuda? Liga ou envia SMS para {telefon}.',
    markers: { freeAndVoluntary: 'gratuito e voluntário', notACrime: 'não é crime' },
    needsNativeReview: true,
  },
  {
    id: 'first-contact-ru',
    language: 'ru',
    name: 'Ryska / Русский',
    body: 'Здравствуйте! Меня зовут {namn}, я работаю в {organisation}. Мы предлагаем поддержку тем, кто продаёт или продавал секс. Помощь бесплатная и добровольная, и вы сами решаете, что нам рассказать. Продажа секса не является преступлением в Швеции. Хотите поговорить или нужна помощь? Позвоните или напишите SMS: {telefon}.',
    markers: { freeAndVoluntary: 'бесплатная и добровольная', notACrime: 'не является преступлением' },
    needsNativeReview: true,
  },
  {
    id: 'first-contact-hu',
    language: 'hu',
    name: 'Ungerska / Magyar',
    body: 'Szia! {namn} vagyok, a(z) {organisation} munkatársa. Támogatást nyújtunk azoknak, akik szexet árulnak vagy árultak. A segítség ingyenes és önkéntes, és te döntöd el, mit mondasz el nekünk. A szex eladása nem bűncselekmény Svédországban. Szeretnél beszélni, vagy segítségre van szükséged? Hívj vagy küldj SMS-t: {telefon}.',
    markers: { freeAndVoluntary: 'ingyenes és önkéntes', notACrime: 'nem bűncselekmény' },
    needsNativeReview: true,
  },
  {
    id: 'first-contact-pl',
    language: 'pl',
    name: 'Polska / Polski',
    body: 'Cześć! Nazywam się {namn} i pracuję w {organisation}. Oferujemy wsparcie osobom, które sprzedają lub sprzedawały seks. Pomoc jest bezpłatna i dobrowolna, a Ty decydujesz, co chcesz nam powiedzieć. Sprzedaż seksu nie jest przestępstwem w Szwecji. Chcesz porozmawiać albo potrzebujesz pomocy? Zadzwoń lub napisz SMS: {telefon}.',
    markers: { freeAndVoluntary: 'bezpłatna i dobrowolna', notACrime: 'nie jest przestępstwem' },
    needsNativeReview: true,
  },
  {
    id: 'first-contact-bg',
    language: 'bg',
    name: 'Bulgariska / Български',
    body: 'Здравей! Казвам се {namn} и работя в {organisation}. Предлагаме подкрепа на хора, които продават или са продавали секс. Помощта е безплатна и доброволна и ти решаваш какво да ни кажеш. Продажбата на секс не е престъпление в Швеция. Искаш ли да поговорим или имаш нужда от помощ? Обади се или изпрати SMS на {telefon}.',
    markers: { freeAndVoluntary: 'безплатна и доброволна', notACrime: 'не е престъпление' },
    needsNativeReview: true,
  },
  {
    id: 'first-contact-en-ng',
    language: 'en-NG',
    name: 'Nigeriansk engelska / Nigerian English',
    body: 'Hello, my name is {namn} and I work with {organisation}. We help people who sell sex or have sold sex before. Our help is free and voluntary, and you decide what you want to share with us. Selling sex is not a crime in Sweden. If you want to talk or you need any help, call or text {telefon}. You can also just send a message.',
    markers: { freeAndVoluntary: 'free and voluntary', notACrime: 'not a crime' },
    needsNativeReview: true,
  },
];
