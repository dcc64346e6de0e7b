/**
 * The problems of a places import (src/import/points/codes.ts) as sentences
 * in English, Russian and Kazakh, with where they were found. Text from the
 * file is quoted as it is (the page inserts it as text, never as HTML).
 */
import type { IssueParams, PointIssue, PointIssueCode } from '../import/points/codes';
import { importFmt, type Fmt, type ImportLang } from './import-messages';

type Message = (p: IssueParams, f: Fmt) => string;

const list = (v: IssueParams[string] | undefined, f: Fmt): string =>
  Array.isArray(v) ? v.map((x) => f.q(String(x))).join(', ') : f.q(String(v ?? ''));
const num = (v: IssueParams[string] | undefined, f: Fmt): string => f.n(Number(v ?? 0));
const txt = (v: IssueParams[string] | undefined): string => String(v ?? '');

const EN: Record<PointIssueCode, Message> = {
  no_header: () => 'the file has no header row (it is empty); nothing was imported',
  columns_missing: (p, f) => `columns needed but not found: ${list(p.fields, f)}; nothing was imported`,
  unclosed_quote: () => 'a quoted cell is not closed, so nothing after it can be read; nothing was imported',
  record_too_long: (p, f) => `a record longer than ${num(p.maxMB, f)} MB (an unclosed quote?); nothing was imported`,
  malformed_quotes: () => 'the quotes of this row cannot be read; the row is left out',
  no_time: () => 'the flows have no time or year column; nothing was imported',
  too_many_places: (p, f) => `more than ${num(p.max, f)} places; the later ones are left out`,
  id_missing: () => 'the place has no id; the row is left out',
  id_duplicate: (p, f) => `id ${f.q(txt(p.id))} was already given on line ${num(p.firstLine, f)}; the first is kept`,
  text_too_long: (p, f) => `${txt(p.field)} is longer than ${num(p.max, f)} characters`,
  coordinate_missing: (p) =>
    `${txt(p.field)} is empty and no district of that code or name is known; the row is left out`,
  coordinate_not_a_number: (p, f) => `${txt(p.field)} ${f.q(txt(p.text))} is not a number; the row is left out`,
  latitude_out_of_range: (p, f) => `latitude ${num(p.value, f)} is not within −90…90; the row is left out`,
  longitude_out_of_range: (p, f) => `longitude ${num(p.value, f)} is not within −180…180; the row is left out`,
  coordinates_zero: () => 'latitude and longitude are both 0 (a missing position); the row is left out',
  population_invalid: (p, f) => `population ${f.q(txt(p.text))} is not a number; the place is kept without it`,
  parent_unknown: (p, f) => `the parent region ${f.q(txt(p.text))} names no region; the place is kept without it`,
  parent_ambiguous: (p, f) =>
    `the parent region ${f.q(txt(p.text))} could be ${list(p.candidates, f)}; kept without it`,
  place_not_found: (p, f) => `${f.q(txt(p.text))} has no coordinates and is no known district (KATO code or name)`,
  place_ambiguous: (p, f) => `${f.q(txt(p.text))} could be ${list(p.candidates, f)}; the row is left out`,
  name_missing: () => 'the place has no name; its id is shown instead',
  cell_missing: (p) => `${txt(p.field)} is empty; the row is left out`,
  unknown_location: (p, f) => `${txt(p.field)} ${f.q(txt(p.id))} is not in the locations file; the row is left out`,
  same_origin_destination: (p, f) => `a flow from ${f.q(txt(p.id))} to itself; the row is left out`,
  count_not_a_number: (p, f) => `count ${f.q(txt(p.text))} is not a number; the row is left out`,
  count_negative: (p, f) => `count ${f.q(txt(p.text))} is negative; the row is left out`,
  count_decimal: (p, f) => `count ${f.q(txt(p.text))} is not a whole number; the row is left out`,
  time_not_a_date: (p, f) => `time ${f.q(txt(p.text))} is neither a year nor a date; the row is left out`,
  year_out_of_range: (p) => `year ${txt(p.year)} is outside ${txt(p.min)}–${txt(p.max)}; the row is left out`,
  duplicate_flow: (p, f) => `the same origin, destination and time as line ${num(p.firstLine, f)}; the first is kept`,
  partial_year: (p) => `the flows of ${txt(p.year)} are dated in only some months: that year's sums cover part of it`,
  same_coordinates: (p, f) => `${f.q(txt(p.place))} and ${f.q(txt(p.other))} have the same coordinates; kept apart`,
  outside_regions: (p, f) =>
    `${num(p.count, f)} places lie outside Kazakhstan and the 12 Russian subjects (${list(p.examples, f)}): drawn, not counted in any region`,
  maybe_swapped: (p, f) =>
    `${num(p.count, f)} places outside every region would lie inside with latitude and longitude swapped (${list(p.examples, f)}): check the columns`,
  snapped_to_region: (p, f) =>
    `${f.q(txt(p.place))} lies ${num(p.km, f)} km outside every region; given to ${txt(p.region)}`,
  region_overlap: (p, f) => `regions overlap at ${f.q(txt(p.place))}; ${txt(p.region)} is used`,
  parent_differs: (p, f) =>
    `${f.q(txt(p.place))} lies in ${txt(p.region)}, not in its parent ${f.q(txt(p.parent))}: the position decides`,
  region_ambiguous: (p, f) =>
    `${num(p.places, f)} places in ${txt(p.region)} could belong to ${list(p.units, f)} in ${txt(p.fromYear)}–${txt(p.toYear)}; their flows of those years are not summed into a region`,
};

const RU: Record<PointIssueCode, Message> = {
  no_header: () => 'в файле нет строки заголовков (он пуст); ничего не импортировано',
  columns_missing: (p, f) => `не найдены нужные столбцы: ${list(p.fields, f)}; ничего не импортировано`,
  unclosed_quote: () => 'кавычка в ячейке не закрыта, дальше файл не читается; ничего не импортировано',
  record_too_long: (p, f) => `запись длиннее ${num(p.maxMB, f)} МБ (незакрытая кавычка?); ничего не импортировано`,
  malformed_quotes: () => 'кавычки в этой строке не читаются; строка пропущена',
  no_time: () => 'у потоков нет столбца времени или года; ничего не импортировано',
  too_many_places: (p, f) => `больше ${num(p.max, f)} мест; следующие пропущены`,
  id_missing: () => 'у места нет id; строка пропущена',
  id_duplicate: (p, f) => `id ${f.q(txt(p.id))} уже был в строке ${num(p.firstLine, f)}; оставлен первый`,
  text_too_long: (p, f) => `${txt(p.field)} длиннее ${num(p.max, f)} знаков`,
  coordinate_missing: (p) => `${txt(p.field)} пусто, и района с таким кодом или названием нет; строка пропущена`,
  coordinate_not_a_number: (p, f) => `${txt(p.field)} ${f.q(txt(p.text))} — не число; строка пропущена`,
  latitude_out_of_range: (p, f) => `широта ${num(p.value, f)} вне −90…90; строка пропущена`,
  longitude_out_of_range: (p, f) => `долгота ${num(p.value, f)} вне −180…180; строка пропущена`,
  coordinates_zero: () => 'широта и долгота равны 0 (нет положения); строка пропущена',
  population_invalid: (p, f) => `население ${f.q(txt(p.text))} — не число; место оставлено без него`,
  parent_unknown: (p, f) => `регион ${f.q(txt(p.text))} не найден; место оставлено без него`,
  parent_ambiguous: (p, f) =>
    `регион ${f.q(txt(p.text))} может быть: ${list(p.candidates, f)}; место оставлено без него`,
  place_not_found: (p, f) => `у ${f.q(txt(p.text))} нет координат, и такого района (код КАТО или название) нет`,
  place_ambiguous: (p, f) => `${f.q(txt(p.text))} может быть: ${list(p.candidates, f)}; строка пропущена`,
  name_missing: () => 'у места нет названия; показан его id',
  cell_missing: (p) => `${txt(p.field)} пусто; строка пропущена`,
  unknown_location: (p, f) => `${txt(p.field)} ${f.q(txt(p.id))} нет в файле мест; строка пропущена`,
  same_origin_destination: (p, f) => `поток из ${f.q(txt(p.id))} в него же; строка пропущена`,
  count_not_a_number: (p, f) => `количество ${f.q(txt(p.text))} — не число; строка пропущена`,
  count_negative: (p, f) => `количество ${f.q(txt(p.text))} отрицательно; строка пропущена`,
  count_decimal: (p, f) => `количество ${f.q(txt(p.text))} — не целое; строка пропущена`,
  time_not_a_date: (p, f) => `время ${f.q(txt(p.text))} — не год и не дата; строка пропущена`,
  year_out_of_range: (p) => `год ${txt(p.year)} вне ${txt(p.min)}–${txt(p.max)}; строка пропущена`,
  duplicate_flow: (p, f) => `те же откуда, куда и время, что в строке ${num(p.firstLine, f)}; оставлена первая`,
  partial_year: (p) => `потоки ${txt(p.year)} года датированы лишь некоторыми месяцами: суммы года неполные`,
  same_coordinates: (p, f) => `у ${f.q(txt(p.place))} и ${f.q(txt(p.other))} одинаковые координаты; оставлены отдельно`,
  outside_regions: (p, f) =>
    `${num(p.count, f)} мест лежат вне Казахстана и 12 субъектов России (${list(p.examples, f)}): показаны, но не входят ни в один регион`,
  maybe_swapped: (p, f) =>
    `${num(p.count, f)} мест вне регионов оказались бы внутри, если поменять широту и долготу (${list(p.examples, f)}): проверьте столбцы`,
  snapped_to_region: (p, f) => `${f.q(txt(p.place))} в ${num(p.km, f)} км вне регионов; отнесено к ${txt(p.region)}`,
  region_overlap: (p, f) => `регионы перекрываются у ${f.q(txt(p.place))}; взят ${txt(p.region)}`,
  parent_differs: (p, f) =>
    `${f.q(txt(p.place))} лежит в ${txt(p.region)}, а не в указанном ${f.q(txt(p.parent))}: решает положение`,
  region_ambiguous: (p, f) =>
    `${num(p.places, f)} мест в ${txt(p.region)} могут относиться к ${list(p.units, f)} в ${txt(p.fromYear)}–${txt(p.toYear)}; их потоки этих лет не суммированы в регионы`,
};

const KK: Record<PointIssueCode, Message> = {
  no_header: () => 'файлда тақырып жолы жоқ (ол бос); ештеңе импортталмады',
  columns_missing: (p, f) => `қажетті бағандар табылмады: ${list(p.fields, f)}; ештеңе импортталмады`,
  unclosed_quote: () => 'ұяшықтағы тырнақша жабылмаған, әрі қарай оқылмайды; ештеңе импортталмады',
  record_too_long: (p, f) => `${num(p.maxMB, f)} МБ-тан ұзын жазба (жабылмаған тырнақша?); ештеңе импортталмады`,
  malformed_quotes: () => 'бұл жолдың тырнақшалары оқылмайды; жол алынбады',
  no_time: () => 'ағындарда уақыт не жыл бағаны жоқ; ештеңе импортталмады',
  too_many_places: (p, f) => `${num(p.max, f)}-тан көп орын; келесілері алынбады`,
  id_missing: () => 'орынның id-і жоқ; жол алынбады',
  id_duplicate: (p, f) => `${f.q(txt(p.id))} id-і ${num(p.firstLine, f)}-жолда берілген; біріншісі қалды`,
  text_too_long: (p, f) => `${txt(p.field)} ${num(p.max, f)} таңбадан ұзын`,
  coordinate_missing: (p) => `${txt(p.field)} бос, мұндай коды не атауы бар аудан жоқ; жол алынбады`,
  coordinate_not_a_number: (p, f) => `${txt(p.field)} ${f.q(txt(p.text))} сан емес; жол алынбады`,
  latitude_out_of_range: (p, f) => `${num(p.value, f)} ендігі −90…90 аралығында емес; жол алынбады`,
  longitude_out_of_range: (p, f) => `${num(p.value, f)} бойлығы −180…180 аралығында емес; жол алынбады`,
  coordinates_zero: () => 'ендік пен бойлық 0-ге тең (орны жоқ); жол алынбады',
  population_invalid: (p, f) => `${f.q(txt(p.text))} халық саны сан емес; орын онсыз қалды`,
  parent_unknown: (p, f) => `${f.q(txt(p.text))} өңірі табылмады; орын онсыз қалды`,
  parent_ambiguous: (p, f) =>
    `${f.q(txt(p.text))} өңірі мыналар болуы мүмкін: ${list(p.candidates, f)}; орын онсыз қалды`,
  place_not_found: (p, f) => `${f.q(txt(p.text))} координатсыз және мұндай аудан (ҚАТО коды не атауы) жоқ`,
  place_ambiguous: (p, f) => `${f.q(txt(p.text))} мыналар болуы мүмкін: ${list(p.candidates, f)}; жол алынбады`,
  name_missing: () => 'орынның атауы жоқ; оның id-і көрсетілді',
  cell_missing: (p) => `${txt(p.field)} бос; жол алынбады`,
  unknown_location: (p, f) => `${txt(p.field)} ${f.q(txt(p.id))} орындар файлында жоқ; жол алынбады`,
  same_origin_destination: (p, f) => `${f.q(txt(p.id))}-дан өзіне ағын; жол алынбады`,
  count_not_a_number: (p, f) => `${f.q(txt(p.text))} саны сан емес; жол алынбады`,
  count_negative: (p, f) => `${f.q(txt(p.text))} саны теріс; жол алынбады`,
  count_decimal: (p, f) => `${f.q(txt(p.text))} саны бүтін емес; жол алынбады`,
  time_not_a_date: (p, f) => `${f.q(txt(p.text))} уақыты жыл да, күн де емес; жол алынбады`,
  year_out_of_range: (p) => `${txt(p.year)} жылы ${txt(p.min)}–${txt(p.max)} аралығынан тыс; жол алынбады`,
  duplicate_flow: (p, f) => `${num(p.firstLine, f)}-жолдағыдай қайдан, қайда және уақыт; біріншісі қалды`,
  partial_year: (p) => `${txt(p.year)} жылғы ағындар кейбір айлармен ғана белгіленген: жыл сомасы толық емес`,
  same_coordinates: (p, f) => `${f.q(txt(p.place))} мен ${f.q(txt(p.other))} координаттары бірдей; бөлек қалды`,
  outside_regions: (p, f) =>
    `${num(p.count, f)} орын Қазақстан мен Ресейдің 12 субъектісінен тыс (${list(p.examples, f)}): көрсетіледі, бірақ ешбір өңірге есептелмейді`,
  maybe_swapped: (p, f) =>
    `өңірлерден тыс ${num(p.count, f)} орын ендік пен бойлық ауыстырылса ішінде болар еді (${list(p.examples, f)}): бағандарды тексеріңіз`,
  snapped_to_region: (p, f) =>
    `${f.q(txt(p.place))} өңірлерден ${num(p.km, f)} км тыс; ${txt(p.region)} өңіріне берілді`,
  region_overlap: (p, f) => `${f.q(txt(p.place))} жанында өңірлер қабаттасады; ${txt(p.region)} алынды`,
  parent_differs: (p, f) =>
    `${f.q(txt(p.place))} ${f.q(txt(p.parent))} емес, ${txt(p.region)} ішінде жатыр: орны шешеді`,
  region_ambiguous: (p, f) =>
    `${txt(p.region)} ішіндегі ${num(p.places, f)} орын ${txt(p.fromYear)}–${txt(p.toYear)} жылдары ${list(p.units, f)} өңірлеріне жатуы мүмкін; олардың ағындары өңірлерге қосылмады`,
};

const TEXTS: Record<ImportLang, Record<PointIssueCode, Message>> = { en: EN, ru: RU, kk: KK };
const LINE: Record<ImportLang, (file: string, line: string) => string> = {
  en: (file, line) => `${file}, line ${line}`,
  ru: (file, line) => `${file}, строка ${line}`,
  kk: (file, line) => `${file}, ${line}-жол`,
};

/** A places import's problem as a sentence, with its file and line when it has them. */
export function formatPointIssue(issue: PointIssue, lang: ImportLang): string {
  const f = importFmt(lang);
  const text = TEXTS[lang][issue.code](issue.params, f);
  if (!issue.file) return text;
  return `${issue.line > 0 ? LINE[lang](issue.file, f.n(issue.line)) : issue.file}: ${text}`;
}
