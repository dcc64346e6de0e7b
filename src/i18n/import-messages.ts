/**
 * The texts of an import in English, Russian and Kazakh: every problem code
 * of src/import/problems.ts with its parameters, the layouts, the decisions,
 * questions and suggestions about region names, and the dialog's labels.
 * Numbers and line numbers are formatted by locale (Intl), texts from the
 * file are quoted as they are (the page inserts them as text, never as HTML),
 * unit codes become names through the page's `unitName`.
 */
import { localeOf } from '../core/format';
import type { LayoutKind, ValueRole } from '../import/layouts';
import type {
  CellField,
  FileKind,
  ImportIssue,
  ImportProblem,
  ProblemCode,
  ProblemParams,
  WorkbookRefusal,
} from '../import/problems';
import type { BorderDecision, NameDecision, NameQuestion } from '../import/resolve';
import type { Suggestion } from '../import/suggest';

export type ImportLang = 'en' | 'ru' | 'kk';

/** Helpers a message uses: numbers by locale, quoted file text, unit names, lists. */
export interface Fmt {
  n(value: number): string;
  /** Quotes a text from the file (shortened to 60 characters). */
  q(text: string | undefined): string;
  unit(code: string | undefined): string;
  units(codes: readonly string[] | undefined, joiner: 'or' | 'and'): string;
  field(field: CellField | undefined): string;
  mb(bytes: number | undefined): string;
}

type Message = (p: ProblemParams, f: Fmt) => string;

/** Labels of the import dialog (worker-side parts: sheet, header, layout, year, names). */
export type ImportUiKey =
  | 'sheet'
  | 'hiddenSheet'
  | 'headerRow'
  | 'moveHeader'
  | 'titles'
  | 'sections'
  | 'footnotes'
  | 'layout'
  | 'layoutSpread'
  | 'yearForFile'
  | 'yearFromName'
  | 'borders'
  | 'bordersByYear'
  | 'bordersCurrent'
  | 'decisions'
  | 'questions'
  | 'suggestions'
  | 'confirm'
  | 'change'
  | 'gaps'
  | 'workbookNotes'
  | 'back'
  | 'setAside';

export interface ImportTexts {
  problems: Record<ProblemCode, Message>;
  fields: Record<CellField, string>;
  fileKinds: Record<FileKind, string>;
  refusals: Record<WorkbookRefusal, string>;
  /** What the map reads, said after a refusal. */
  readable: string;
  layouts: Record<LayoutKind, string>;
  roles: Record<ValueRole, string>;
  /** "file, line 12" / "…, column “2023”". */
  at(file: string, line: number, column: string | undefined, f: Fmt): string;
  decision(d: NameDecision, f: Fmt): string;
  question(q: NameQuestion, f: Fmt): string;
  suggestion(text: string, s: Suggestion, f: Fmt): string;
  border(b: BorderDecision, f: Fmt): string;
  ui: Record<ImportUiKey, string>;
  or: string;
  and: string;
  quote: [string, string];
}

const dup = (p: ProblemParams, f: Fmt, line: (n: string) => string) =>
  `${line(f.n(p.firstLine ?? 0))} (${[
    p.year,
    p.origin ? `${f.unit(p.origin)} → ${f.unit(p.destination)}` : f.unit(p.unit),
    p.measure ? f.q(p.measure) : '',
    p.period ? f.q(p.period) : '',
  ]
    .filter((x) => x !== undefined && x !== '')
    .join(', ')})`;

const years = (ys: number[]) => {
  const runs: string[] = [];
  let start = ys[0]!;
  for (let i = 1; i <= ys.length; i++)
    if (i === ys.length || ys[i] !== ys[i - 1]! + 1) {
      runs.push(start === ys[i - 1] ? String(start) : `${start}–${ys[i - 1]}`);
      start = ys[i]!;
    }
  return runs.join(', ');
};

const enWhere = (p: ProblemParams) =>
  `feature ${p.feature}${p.part ? `, polygon ${p.part}` : ''}${p.ring === undefined ? '' : p.ring === 0 ? ', outer ring' : `, hole ${p.ring}`}`;
const ruWhere = (p: ProblemParams) =>
  `объект ${p.feature}${p.part ? `, полигон ${p.part}` : ''}${p.ring === undefined ? '' : p.ring === 0 ? ', внешнее кольцо' : `, дыра ${p.ring}`}`;
const kkWhere = (p: ProblemParams) =>
  `${p.feature}-нысан${p.part ? `, ${p.part}-көпбұрыш` : ''}${p.ring === undefined ? '' : p.ring === 0 ? ', сыртқы сақина' : `, ${p.ring}-тесік`}`;

const en: ImportTexts = {
  problems: {
    missing_cell: (p, f) => (p.empty ? `${f.field(p.field)} is empty` : `the row has no cell for ${f.field(p.field)}`),
    unknown_region: (p, f) => `${f.q(p.value)} (${f.field(p.field)}) matches no region`,
    ambiguous_region: (p, f) => `${f.q(p.value)} (${f.field(p.field)}) could be ${f.units(p.candidates, 'or')}: say which`,
    total_row: (p, f) => `${f.q(p.value)} (${f.field(p.field)}) is a total, not a region`,
    same_origin_destination: (p, f) => `origin and destination are the same region (${f.unit(p.unit)})`,
    not_a_number: (p, f) => (p.field === 'year' ? `year ${f.q(p.value)} is not a year` : `${f.field(p.field)} ${f.q(p.value)} is not a number`),
    negative_count: (p, f) => `${f.field(p.field)} ${f.q(p.value)} is negative`,
    decimal_count: (p, f) => `${f.field(p.field)} ${f.q(p.value)} has decimals${p.thousands ? ' (if the comma separates thousands, remove it)' : ''}`,
    year_out_of_range: (p) => `year ${p.year} is outside ${p.min}–${p.max}`,
    duplicate: (p, f) => `repeats ${dup(p, f, (n) => `line ${n}`)}`,
    too_long: (p, f) => `${f.field(p.field)} ${f.q(p.value)} is longer than ${f.n(p.limit ?? 0)} characters`,
    too_many_values: (p, f) => `more than ${f.n(p.limit ?? 0)} different values of ${f.field(p.field)}`,
    parse_error: (p, f) =>
      p.reason && p.reason in en.problems && p.reason !== 'parse_error'
        ? en.problems[p.reason as ProblemCode](p, f)
        : `the row cannot be read (malformed quotes${p.reason ? `: ${p.reason}` : ''})`,
    total_mismatch: (p, f) =>
      `${p.total === 'grand' ? 'the grand total' : p.total === 'row' ? `the total of ${f.q(p.value)}` : `the total of column ${f.q(p.value)}`} is ${f.n(p.stated ?? 0)}, the cells sum to ${f.n(p.computed ?? 0)}`,
    net_mismatch: (p, f) => `net ${f.n(p.stated ?? 0)} is not arrivals minus departures (${f.n(p.computed ?? 0)})`,
    columns_do_not_fit: (p, f) => `The columns do not fit this file: ${(p.problems ?? []).map((x) => en.problems[x.code](x.params, f)).join('; ')}.`,
    unclosed_quote: () => 'A quoted cell is not closed on this line, so the rest of the file cannot be read.',
    header_unreadable: (p) => `The header cannot be read (malformed quotes${p.detail ? `: ${p.detail}` : ''}).`,
    record_too_long: (p, f) => `A record is longer than ${f.mb(p.limit)}: a quote is probably not closed on this line.`,
    empty_file: () => 'The file has no header row (it is empty).',
    no_year: () => 'No column holds the year: choose one, or give the year of the whole file.',
    file_refused: (p, f) => `${f.q(p.value)} seems to be ${en.fileKinds[p.seemsTo ?? 'binary']}, not a table. ${en.readable}`,
    file_too_large: (p, f) => `The file is ${f.mb(p.size)}; the limit is ${f.mb(p.limit)}. Nothing was read.`,
    workbook_refused: (p, f) => `The workbook cannot be read: ${en.refusals[p.refusal ?? 'damaged']}${p.limit ? ` (limit ${f.mb(p.limit)})` : ''}. Nothing was read.`,
    cancelled: () => 'The import was cancelled; nothing changed.',
    worker_failed: () => 'The import stopped unexpectedly; nothing changed. Try again, or save the file as CSV.',
    no_column: (p, f) => `no column is chosen for ${f.field(p.field)}`,
    column_outside: (p, f) => `column ${f.n((p.column ?? 0) + 1)}${p.field ? ` (${f.field(p.field)})` : ''} is not in the file (it has ${f.n(p.columns ?? 0)})`,
    column_twice: (p, f) => `column ${f.n((p.column ?? 0) + 1)} is chosen for both ${f.field(p.field)} and ${f.field(p.other)}`,
    formulas_cached: (p, f) => `${f.n(p.count ?? 0)} cells hold formulas: the values Excel saved with them are used; nothing is computed.`,
    formulas_without_value: (p, f) => `${f.n(p.count ?? 0)} formula cells have no saved value and are read as empty: open the workbook in Excel and save it again.`,
    external_links: (p, f) => `The workbook links to ${f.n(p.count ?? 0)} other files: their values as saved are used; nothing is fetched.`,
    macros_ignored: () => 'The workbook has macros: they are not read or run.',
    rows_cut: (p, f) => `The sheet is too large: only its first ${f.n(p.limit ?? 0)} rows are read.`,
    cells_without_value: (p, f) => `${f.n(p.count ?? 0)} cells have no figure ("-", "…", empty): they are gaps, not rows.`,
    not_json: (p) => `The file is not JSON${p.detail ? ` (${p.detail})` : ''}.`,
    not_geojson: (p, f) =>
      ({
        neither: 'The file is neither GeoJSON nor TopoJSON.',
        no_objects: 'The TopoJSON has no objects or arcs.',
        no_object: `The TopoJSON has no object ${f.q(p.value)}.`,
        topojson: `The TopoJSON cannot be read (${p.detail ?? ''}).`,
        no_features: 'The FeatureCollection has no features array.',
        feature_not_object: `feature ${p.feature}: not a GeoJSON feature`,
      })[p.reason ?? 'neither'] ?? 'The file is neither GeoJSON nor TopoJSON.',
    no_geometry: (p) => `feature ${p.feature}: no geometry`,
    not_polygon: (p, f) => `feature ${p.feature}: ${f.q(p.value)} is not an area (Polygon or MultiPolygon expected)`,
    bad_coordinates: (p, f) =>
      `${enWhere(p)}: ${{ not_object: 'the geometry is not an object', no_polygons: 'the MultiPolygon has no polygons', not_rings: 'the rings are not arrays of positions', position: `a position is not two numbers: ${f.q(p.value)}` }[p.reason ?? 'position'] ?? ''}`,
    out_of_range: (p) => `${enWhere(p)}: position (${p.lon}, ${p.lat}) is outside longitude -180..180 / latitude -90..90: is the file projected? Save it in WGS 84 (EPSG:4326)`,
    too_few_points: (p, f) => `${enWhere(p)} has ${f.n(p.count ?? 0)} positions (at least 4 needed)`,
    unclosed_ring: (p) => `${enWhere(p)} is not closed (its last position differs from its first)`,
    self_intersection: (p) => `${enWhere(p)}: the boundary crosses itself near (${p.lon}, ${p.lat})`,
    not_checked: (p) => `${enWhere(p)}: too complex to check for self-intersections`,
    missing_property: (p, f) => `feature ${p.feature}: no value for ${f.q(p.property)}`,
    duplicate_region: (p, f) => `feature ${p.feature}: ${f.q(p.value)} is ${f.unit(p.unit)} again (first: feature ${p.firstLine})`,
  },
  fields: { origin: 'origin', destination: 'destination', year: 'year', count: 'count', period: 'period', source: 'source', note: 'note', region: 'region', value: 'value', measure: 'measure', unit: 'unit of measure' },
  fileKinds: {
    pdf: 'a PDF document', png: 'a PNG image', jpeg: 'a JPEG image', gif: 'a GIF image', webp: 'a WebP image', bmp: 'a BMP image', tiff: 'a TIFF image', icon: 'an icon', executable: 'a program', archive: 'a compressed archive', zip: 'a ZIP archive', word: 'a Word document', powerpoint: 'a PowerPoint presentation', opendocument: 'an OpenDocument file', office: 'an Office document', sqlite: 'a database', media: 'a sound or video file', json: 'a JSON file', binary: 'binary data',
  },
  refusals: {
    not_a_workbook: 'it is not an Excel workbook', encrypted: 'it is protected by a password', damaged: 'it is damaged', too_many_parts: 'it has too many parts', too_large_unpacked: 'it unpacks to too much data', unsupported_compression: 'it is compressed in a way Excel does not use', no_sheet: 'it has no sheet',
  },
  readable: 'The map reads tables as CSV, TSV or TXT, Excel workbooks (.xlsx, .xls), and boundaries as GeoJSON or TopoJSON.',
  layouts: { long: 'One row per figure', matrix: 'Origin–destination matrix', years: 'Regions × years', months: 'Regions × months', measures: 'Several value columns' },
  roles: { arrivals: 'arrivals', departures: 'departures', net: 'net' },
  at: (file, line, column, f) => `${file}, line ${f.n(line)}${column !== undefined ? `, column ${f.q(column)}` : ''}`,
  decision: (d, f) => `${f.q(d.text)} is read as ${f.unit(d.code)}, because ${d.evidence.map((e) => `${f.q(e.text)} is ${f.unit(e.code)}`).join(' and ')}.`,
  question: (q, f) => q.split
    ? `${f.q(q.text)} covers parts of ${f.units(q.candidates, 'and')}: which unit should its ${f.n(q.count)} cells go to?`
    : `${f.q(q.text)} could be ${f.units(q.candidates, 'or')}: which is it (${f.n(q.count)} cells)?`,
  suggestion: (text, s, f) => `${f.q(text)}: ${s.reason === 'abbreviation' ? 'short for' : 'perhaps'} ${f.unit(s.code)}?`,
  border: (b, f) =>
    `${f.unit(b.unit)} in ${years(b.years)}: read ${b.reading === 'with_parts' ? 'with' : 'without'} ${f.units(b.parts, 'and')}, ${
      { borders_of_year: 'the borders of those years', parts_in_file: `as the file has ${f.units(b.parts, 'or')} in those years`, later_units_in_file: 'as the file uses later borders in those years', user: 'as you said the file is in today’s borders' }[b.because]
    }.`,
  ui: {
    sheet: 'Sheet', hiddenSheet: '(hidden)', headerRow: 'Header row', moveHeader: 'The header is on row', titles: 'Rows above the header (not read)', sections: 'Section rows', footnotes: 'Footnotes below the table (not read)', layout: 'Layout of the table', layoutSpread: 'Columns read as values', yearForFile: 'Year of every row (no year column)', yearFromName: 'taken from the file name', borders: 'Borders', bordersByYear: 'The borders of each year', bordersCurrent: 'Today’s borders for every year', decisions: 'Names read from the file’s context (change if wrong)', questions: 'Names of more than one region: choose', suggestions: 'Likely regions for names that match none (confirm each)', confirm: 'Confirm', change: 'Change', gaps: 'Cells without a figure', workbookNotes: 'About this workbook', back: 'Back to the columns', setAside: 'Rows set aside (not read as data)',
  },
  or: 'or',
  and: 'and',
  quote: ['“', '”'],
}; // prettier-ignore

const ru: ImportTexts = {
  problems: {
    missing_cell: (p, f) => (p.empty ? `поле «${f.field(p.field)}» пустое` : `в строке нет ячейки для поля «${f.field(p.field)}»`),
    unknown_region: (p, f) => `${f.q(p.value)} (${f.field(p.field)}) не совпадает ни с одним регионом`,
    ambiguous_region: (p, f) => `${f.q(p.value)} (${f.field(p.field)}) может быть ${f.units(p.candidates, 'or')}: укажите, что именно`,
    total_row: (p, f) => `${f.q(p.value)} (${f.field(p.field)}) — итог, а не регион`,
    same_origin_destination: (p, f) => `откуда и куда — один и тот же регион (${f.unit(p.unit)})`,
    not_a_number: (p, f) => (p.field === 'year' ? `год ${f.q(p.value)} — не год` : `${f.field(p.field)}: ${f.q(p.value)} — не число`),
    negative_count: (p, f) => `${f.field(p.field)}: ${f.q(p.value)} — отрицательное число`,
    decimal_count: (p, f) => `${f.field(p.field)}: ${f.q(p.value)} — дробное число${p.thousands ? ' (если запятая отделяет тысячи, уберите её)' : ''}`,
    year_out_of_range: (p) => `год ${p.year} вне диапазона ${p.min}–${p.max}`,
    duplicate: (p, f) => `повторяет ${dup(p, f, (n) => `строку ${n}`)}`,
    too_long: (p, f) => `${f.field(p.field)}: ${f.q(p.value)} длиннее ${f.n(p.limit ?? 0)} знаков`,
    too_many_values: (p, f) => `больше ${f.n(p.limit ?? 0)} разных значений в поле «${f.field(p.field)}»`,
    parse_error: (p, f) =>
      p.reason && p.reason in ru.problems && p.reason !== 'parse_error'
        ? ru.problems[p.reason as ProblemCode](p, f)
        : `строку нельзя прочитать (ошибка в кавычках${p.reason ? `: ${p.reason}` : ''})`,
    total_mismatch: (p, f) =>
      `${p.total === 'grand' ? 'общий итог' : p.total === 'row' ? `итог по ${f.q(p.value)}` : `итог столбца ${f.q(p.value)}`} равен ${f.n(p.stated ?? 0)}, а сумма ячеек — ${f.n(p.computed ?? 0)}`,
    net_mismatch: (p, f) => `сальдо ${f.n(p.stated ?? 0)} не равно «прибыло минус выбыло» (${f.n(p.computed ?? 0)})`,
    columns_do_not_fit: (p, f) => `Столбцы не подходят к этому файлу: ${(p.problems ?? []).map((x) => ru.problems[x.code](x.params, f)).join('; ')}.`,
    unclosed_quote: () => 'В этой строке не закрыта кавычка, поэтому остаток файла прочитать нельзя.',
    header_unreadable: (p) => `Заголовок нельзя прочитать (ошибка в кавычках${p.detail ? `: ${p.detail}` : ''}).`,
    record_too_long: (p, f) => `Запись длиннее ${f.mb(p.limit)}: вероятно, в этой строке не закрыта кавычка.`,
    empty_file: () => 'В файле нет строки заголовка (он пуст).',
    no_year: () => 'Ни один столбец не содержит год: выберите его или укажите год для всего файла.',
    file_refused: (p, f) => `${f.q(p.value)} похож на ${ru.fileKinds[p.seemsTo ?? 'binary']}, а не на таблицу. ${ru.readable}`,
    file_too_large: (p, f) => `Размер файла ${f.mb(p.size)}, предел — ${f.mb(p.limit)}. Ничего не прочитано.`,
    workbook_refused: (p, f) => `Книгу Excel нельзя прочитать: ${ru.refusals[p.refusal ?? 'damaged']}${p.limit ? ` (предел ${f.mb(p.limit)})` : ''}. Ничего не прочитано.`,
    cancelled: () => 'Импорт отменён; ничего не изменилось.',
    worker_failed: () => 'Импорт неожиданно прервался; ничего не изменилось. Попробуйте ещё раз или сохраните файл как CSV.',
    no_column: (p, f) => `не выбран столбец для поля «${f.field(p.field)}»`,
    column_outside: (p, f) => `столбца ${f.n((p.column ?? 0) + 1)}${p.field ? ` (${f.field(p.field)})` : ''} нет в файле (в нём ${f.n(p.columns ?? 0)})`,
    column_twice: (p, f) => `столбец ${f.n((p.column ?? 0) + 1)} выбран и для поля «${f.field(p.field)}», и для «${f.field(p.other)}»`,
    formulas_cached: (p, f) => `В ${f.n(p.count ?? 0)} ячейках формулы: берутся значения, сохранённые Excel; ничего не вычисляется.`,
    formulas_without_value: (p, f) => `У ${f.n(p.count ?? 0)} ячеек с формулами нет сохранённого значения, они прочитаны как пустые: откройте книгу в Excel и сохраните её снова.`,
    external_links: (p, f) => `Книга ссылается на другие файлы (${f.n(p.count ?? 0)}): берутся сохранённые значения; ничего не загружается.`,
    macros_ignored: () => 'В книге есть макросы: они не читаются и не запускаются.',
    rows_cut: (p, f) => `Лист слишком велик: прочитаны только первые ${f.n(p.limit ?? 0)} строк.`,
    cells_without_value: (p, f) => `В ${f.n(p.count ?? 0)} ячейках нет данных («-», «…», пусто): это пропуски, а не строки.`,
    not_json: (p) => `Файл не в формате JSON${p.detail ? ` (${p.detail})` : ''}.`,
    not_geojson: (p, f) =>
      ({
        neither: 'Файл не в формате GeoJSON или TopoJSON.',
        no_objects: 'В TopoJSON нет объектов или дуг.',
        no_object: `В TopoJSON нет объекта ${f.q(p.value)}.`,
        topojson: `TopoJSON нельзя прочитать (${p.detail ?? ''}).`,
        no_features: 'В FeatureCollection нет массива features.',
        feature_not_object: `объект ${p.feature}: не объект GeoJSON`,
      })[p.reason ?? 'neither'] ?? 'Файл не в формате GeoJSON или TopoJSON.',
    no_geometry: (p) => `объект ${p.feature}: нет геометрии`,
    not_polygon: (p, f) => `объект ${p.feature}: ${f.q(p.value)} — не площадь (нужен Polygon или MultiPolygon)`,
    bad_coordinates: (p, f) =>
      `${ruWhere(p)}: ${{ not_object: 'геометрия — не объект', no_polygons: 'в MultiPolygon нет полигонов', not_rings: 'кольца — не массивы точек', position: `координата — не пара чисел: ${f.q(p.value)}` }[p.reason ?? 'position'] ?? ''}`,
    out_of_range: (p) => `${ruWhere(p)}: точка (${p.lon}, ${p.lat}) вне долготы −180..180 / широты −90..90: файл в проекции? Сохраните его в WGS 84 (EPSG:4326)`,
    too_few_points: (p, f) => `${ruWhere(p)}: точек ${f.n(p.count ?? 0)} (нужно не меньше 4)`,
    unclosed_ring: (p) => `${ruWhere(p)} не замкнуто (последняя точка не совпадает с первой)`,
    self_intersection: (p) => `${ruWhere(p)}: граница пересекает себя около (${p.lon}, ${p.lat})`,
    not_checked: (p) => `${ruWhere(p)}: слишком сложная граница для проверки самопересечений`,
    missing_property: (p, f) => `объект ${p.feature}: нет значения ${f.q(p.property)}`,
    duplicate_region: (p, f) => `объект ${p.feature}: ${f.q(p.value)} снова ${f.unit(p.unit)} (впервые: объект ${p.firstLine})`,
  },
  fields: { origin: 'откуда', destination: 'куда', year: 'год', count: 'число', period: 'период', source: 'источник', note: 'примечание', region: 'регион', value: 'значение', measure: 'показатель', unit: 'единица измерения' },
  fileKinds: {
    pdf: 'документ PDF', png: 'изображение PNG', jpeg: 'изображение JPEG', gif: 'изображение GIF', webp: 'изображение WebP', bmp: 'изображение BMP', tiff: 'изображение TIFF', icon: 'значок', executable: 'программу', archive: 'сжатый архив', zip: 'архив ZIP', word: 'документ Word', powerpoint: 'презентацию PowerPoint', opendocument: 'файл OpenDocument', office: 'документ Office', sqlite: 'базу данных', media: 'звук или видео', json: 'файл JSON', binary: 'двоичные данные',
  },
  refusals: {
    not_a_workbook: 'это не книга Excel', encrypted: 'она защищена паролем', damaged: 'она повреждена', too_many_parts: 'в ней слишком много частей', too_large_unpacked: 'в распакованном виде она слишком велика', unsupported_compression: 'она сжата способом, которого нет в Excel', no_sheet: 'в ней нет листов',
  },
  readable: 'Карта читает таблицы CSV, TSV и TXT, книги Excel (.xlsx, .xls) и границы в GeoJSON или TopoJSON.',
  layouts: { long: 'Одна строка — одно значение', matrix: 'Матрица «откуда — куда»', years: 'Регионы × годы', months: 'Регионы × месяцы', measures: 'Несколько столбцов значений' },
  roles: { arrivals: 'прибыло', departures: 'выбыло', net: 'сальдо' },
  at: (file, line, column, f) => `${file}, строка ${f.n(line)}${column !== undefined ? `, столбец ${f.q(column)}` : ''}`,
  decision: (d, f) => `${f.q(d.text)} прочитано как ${f.unit(d.code)}, потому что ${d.evidence.map((e) => `${f.q(e.text)} — это ${f.unit(e.code)}`).join(' и ')}.`,
  question: (q, f) => q.split
    ? `${f.q(q.text)} охватывает части ${f.units(q.candidates, 'and')}: к какому региону отнести ячейки (${f.n(q.count)})?`
    : `${f.q(q.text)} может быть ${f.units(q.candidates, 'or')}: что именно (ячеек: ${f.n(q.count)})?`,
  suggestion: (text, s, f) => `${f.q(text)}: ${s.reason === 'abbreviation' ? 'сокращение от' : 'возможно,'} ${f.unit(s.code)}?`,
  border: (b, f) =>
    `${f.unit(b.unit)} в ${years(b.years)}: прочитано ${b.reading === 'with_parts' ? 'вместе с' : 'без'} ${f.units(b.parts, 'and')}, ${
      { borders_of_year: 'в границах тех лет', parts_in_file: `так как в файле за эти годы есть ${f.units(b.parts, 'or')}`, later_units_in_file: 'так как файл за эти годы в более поздних границах', user: 'так как вы указали, что файл в нынешних границах' }[b.because]
    }.`,
  ui: {
    sheet: 'Лист', hiddenSheet: '(скрытый)', headerRow: 'Строка заголовка', moveHeader: 'Заголовок в строке', titles: 'Строки над заголовком (не читаются)', sections: 'Строки разделов', footnotes: 'Сноски под таблицей (не читаются)', layout: 'Вид таблицы', layoutSpread: 'Столбцы со значениями', yearForFile: 'Год для всех строк (столбца года нет)', yearFromName: 'взят из имени файла', borders: 'Границы', bordersByYear: 'Границы каждого года', bordersCurrent: 'Нынешние границы для всех лет', decisions: 'Названия, прочитанные по контексту файла (измените, если неверно)', questions: 'Названия нескольких регионов: выберите', suggestions: 'Вероятные регионы для названий без совпадений (подтвердите каждое)', confirm: 'Подтвердить', change: 'Изменить', gaps: 'Ячейки без данных', workbookNotes: 'О книге Excel', back: 'Назад к столбцам', setAside: 'Строки, не прочитанные как данные',
  },
  or: 'или',
  and: 'и',
  quote: ['«', '»'],
}; // prettier-ignore

const kk: ImportTexts = {
  problems: {
    missing_cell: (p, f) => (p.empty ? `«${f.field(p.field)}» бос` : `жолда «${f.field(p.field)}» ұяшығы жоқ`),
    unknown_region: (p, f) => `${f.q(p.value)} (${f.field(p.field)}) ешбір өңірге сәйкес келмейді`,
    ambiguous_region: (p, f) => `${f.q(p.value)} (${f.field(p.field)}) ${f.units(p.candidates, 'or')} болуы мүмкін: қайсысы екенін көрсетіңіз`,
    total_row: (p, f) => `${f.q(p.value)} (${f.field(p.field)}) — өңір емес, жиынтық`,
    same_origin_destination: (p, f) => `қайдан және қайда — бір өңір (${f.unit(p.unit)})`,
    not_a_number: (p, f) => (p.field === 'year' ? `${f.q(p.value)} жыл емес` : `${f.field(p.field)}: ${f.q(p.value)} сан емес`),
    negative_count: (p, f) => `${f.field(p.field)}: ${f.q(p.value)} — теріс сан`,
    decimal_count: (p, f) => `${f.field(p.field)}: ${f.q(p.value)} — бөлшек сан${p.thousands ? ' (үтір мыңдықтарды бөлсе, оны алып тастаңыз)' : ''}`,
    year_out_of_range: (p) => `${p.year} жыл ${p.min}–${p.max} аралығынан тыс`,
    duplicate: (p, f) => `${dup(p, f, (n) => `${n}-жолды`)} қайталайды`,
    too_long: (p, f) => `${f.field(p.field)}: ${f.q(p.value)} ${f.n(p.limit ?? 0)} таңбадан ұзын`,
    too_many_values: (p, f) => `«${f.field(p.field)}» өрісінде ${f.n(p.limit ?? 0)}-дан көп әртүрлі мән`,
    parse_error: (p, f) =>
      p.reason && p.reason in kk.problems && p.reason !== 'parse_error'
        ? kk.problems[p.reason as ProblemCode](p, f)
        : `жолды оқу мүмкін емес (тырнақшада қате${p.reason ? `: ${p.reason}` : ''})`,
    total_mismatch: (p, f) =>
      `${p.total === 'grand' ? 'жалпы жиынтық' : p.total === 'row' ? `${f.q(p.value)} жиынтығы` : `${f.q(p.value)} бағанының жиынтығы`} ${f.n(p.stated ?? 0)}, ал ұяшықтардың қосындысы ${f.n(p.computed ?? 0)}`,
    net_mismatch: (p, f) => `сальдо ${f.n(p.stated ?? 0)} «келгендер минус кеткендер» санына (${f.n(p.computed ?? 0)}) тең емес`,
    columns_do_not_fit: (p, f) => `Бағандар бұл файлға сәйкес келмейді: ${(p.problems ?? []).map((x) => kk.problems[x.code](x.params, f)).join('; ')}.`,
    unclosed_quote: () => 'Бұл жолда тырнақша жабылмаған, сондықтан файлдың қалғанын оқу мүмкін емес.',
    header_unreadable: (p) => `Тақырып жолын оқу мүмкін емес (тырнақшада қате${p.detail ? `: ${p.detail}` : ''}).`,
    record_too_long: (p, f) => `Жазба ${f.mb(p.limit)}-тан ұзын: бұл жолда тырнақша жабылмаған болуы мүмкін.`,
    empty_file: () => 'Файлда тақырып жолы жоқ (ол бос).',
    no_year: () => 'Ешбір бағанда жыл жоқ: бағанды таңдаңыз немесе бүкіл файлдың жылын көрсетіңіз.',
    file_refused: (p, f) => `${f.q(p.value)} кесте емес, ${kk.fileKinds[p.seemsTo ?? 'binary']} сияқты. ${kk.readable}`,
    file_too_large: (p, f) => `Файл көлемі ${f.mb(p.size)}, шегі — ${f.mb(p.limit)}. Ештеңе оқылған жоқ.`,
    workbook_refused: (p, f) => `Excel кітабын оқу мүмкін емес: ${kk.refusals[p.refusal ?? 'damaged']}${p.limit ? ` (шегі ${f.mb(p.limit)})` : ''}. Ештеңе оқылған жоқ.`,
    cancelled: () => 'Импорт тоқтатылды; ештеңе өзгерген жоқ.',
    worker_failed: () => 'Импорт күтпеген жерден тоқтады; ештеңе өзгерген жоқ. Қайталап көріңіз немесе файлды CSV ретінде сақтаңыз.',
    no_column: (p, f) => `«${f.field(p.field)}» үшін баған таңдалмаған`,
    column_outside: (p, f) => `${f.n((p.column ?? 0) + 1)}-баған${p.field ? ` (${f.field(p.field)})` : ''} файлда жоқ (онда ${f.n(p.columns ?? 0)} баған)`,
    column_twice: (p, f) => `${f.n((p.column ?? 0) + 1)}-баған «${f.field(p.field)}» үшін де, «${f.field(p.other)}» үшін де таңдалған`,
    formulas_cached: (p, f) => `${f.n(p.count ?? 0)} ұяшықта формула бар: Excel сақтаған мәндер алынады; ештеңе есептелмейді.`,
    formulas_without_value: (p, f) => `Формуласы бар ${f.n(p.count ?? 0)} ұяшықта сақталған мән жоқ, олар бос деп оқылды: кітапты Excel-де ашып, қайта сақтаңыз.`,
    external_links: (p, f) => `Кітап басқа файлдарға сілтейді (${f.n(p.count ?? 0)}): сақталған мәндер алынады; ештеңе жүктелмейді.`,
    macros_ignored: () => 'Кітапта макростар бар: олар оқылмайды және іске қосылмайды.',
    rows_cut: (p, f) => `Парақ тым үлкен: тек алғашқы ${f.n(p.limit ?? 0)} жол оқылды.`,
    cells_without_value: (p, f) => `${f.n(p.count ?? 0)} ұяшықта дерек жоқ («-», «…», бос): бұлар жол емес, олқылықтар.`,
    not_json: (p) => `Файл JSON емес${p.detail ? ` (${p.detail})` : ''}.`,
    not_geojson: (p, f) =>
      ({
        neither: 'Файл GeoJSON да, TopoJSON да емес.',
        no_objects: 'TopoJSON-да нысандар немесе доғалар жоқ.',
        no_object: `TopoJSON-да ${f.q(p.value)} нысаны жоқ.`,
        topojson: `TopoJSON оқу мүмкін емес (${p.detail ?? ''}).`,
        no_features: 'FeatureCollection-да features массиві жоқ.',
        feature_not_object: `${p.feature}-нысан: GeoJSON нысаны емес`,
      })[p.reason ?? 'neither'] ?? 'Файл GeoJSON да, TopoJSON да емес.',
    no_geometry: (p) => `${p.feature}-нысан: геометрия жоқ`,
    not_polygon: (p, f) => `${p.feature}-нысан: ${f.q(p.value)} аумақ емес (Polygon не MultiPolygon керек)`,
    bad_coordinates: (p, f) =>
      `${kkWhere(p)}: ${{ not_object: 'геометрия нысан емес', no_polygons: 'MultiPolygon-да көпбұрыш жоқ', not_rings: 'сақиналар нүктелер массиві емес', position: `координата екі сан емес: ${f.q(p.value)}` }[p.reason ?? 'position'] ?? ''}`,
    out_of_range: (p) => `${kkWhere(p)}: (${p.lon}, ${p.lat}) нүктесі −180..180 бойлық / −90..90 ендік аралығынан тыс: файл проекцияда ма? Оны WGS 84 (EPSG:4326) түрінде сақтаңыз`,
    too_few_points: (p, f) => `${kkWhere(p)}: ${f.n(p.count ?? 0)} нүкте (кемінде 4 керек)`,
    unclosed_ring: (p) => `${kkWhere(p)} тұйықталмаған (соңғы нүкте біріншісімен сәйкес емес)`,
    self_intersection: (p) => `${kkWhere(p)}: шекара (${p.lon}, ${p.lat}) маңында өзін-өзі қиып өтеді`,
    not_checked: (p) => `${kkWhere(p)}: өзін-өзі қиюды тексеру үшін шекара тым күрделі`,
    missing_property: (p, f) => `${p.feature}-нысан: ${f.q(p.property)} мәні жоқ`,
    duplicate_region: (p, f) => `${p.feature}-нысан: ${f.q(p.value)} қайтадан ${f.unit(p.unit)} (алғашқысы: ${p.firstLine}-нысан)`,
  },
  fields: { origin: 'қайдан', destination: 'қайда', year: 'жыл', count: 'саны', period: 'кезең', source: 'дереккөз', note: 'ескерту', region: 'өңір', value: 'мән', measure: 'көрсеткіш', unit: 'өлшем бірлігі' },
  fileKinds: {
    pdf: 'PDF құжаты', png: 'PNG суреті', jpeg: 'JPEG суреті', gif: 'GIF суреті', webp: 'WebP суреті', bmp: 'BMP суреті', tiff: 'TIFF суреті', icon: 'белгіше', executable: 'бағдарлама', archive: 'сығылған мұрағат', zip: 'ZIP мұрағаты', word: 'Word құжаты', powerpoint: 'PowerPoint презентациясы', opendocument: 'OpenDocument файлы', office: 'Office құжаты', sqlite: 'дерекқор', media: 'дыбыс не бейне', json: 'JSON файлы', binary: 'екілік деректер',
  },
  refusals: {
    not_a_workbook: 'бұл Excel кітабы емес', encrypted: 'ол құпиясөзбен қорғалған', damaged: 'ол бүлінген', too_many_parts: 'онда бөліктер тым көп', too_large_unpacked: 'ашылған күйінде ол тым үлкен', unsupported_compression: 'ол Excel қолданбайтын тәсілмен сығылған', no_sheet: 'онда парақ жоқ',
  },
  readable: 'Карта CSV, TSV және TXT кестелерін, Excel кітаптарын (.xlsx, .xls) және GeoJSON не TopoJSON шекараларын оқиды.',
  layouts: { long: 'Бір жол — бір мән', matrix: '«Қайдан — қайда» матрицасы', years: 'Өңірлер × жылдар', months: 'Өңірлер × айлар', measures: 'Бірнеше мән бағаны' },
  roles: { arrivals: 'келгендер', departures: 'кеткендер', net: 'сальдо' },
  at: (file, line, column, f) => `${file}, ${f.n(line)}-жол${column !== undefined ? `, ${f.q(column)} бағаны` : ''}`,
  decision: (d, f) => `${f.q(d.text)} ${f.unit(d.code)} ретінде оқылды, себебі ${d.evidence.map((e) => `${f.q(e.text)} — ${f.unit(e.code)}`).join(' және ')}.`,
  question: (q, f) => q.split
    ? `${f.q(q.text)} ${f.units(q.candidates, 'and')} бөліктерін қамтиды: ұяшықтарды (${f.n(q.count)}) қай өңірге жатқызу керек?`
    : `${f.q(q.text)} ${f.units(q.candidates, 'or')} болуы мүмкін: қайсысы (ұяшықтар: ${f.n(q.count)})?`,
  suggestion: (text, s, f) => `${f.q(text)}: ${s.reason === 'abbreviation' ? 'қысқартылған' : 'мүмкін,'} ${f.unit(s.code)}?`,
  border: (b, f) =>
    `${f.unit(b.unit)}, ${years(b.years)}: ${f.units(b.parts, 'and')} ${b.reading === 'with_parts' ? 'қоса' : 'қоспай'} оқылды, ${
      { borders_of_year: 'сол жылдардың шекарасында', parts_in_file: `себебі файлда сол жылдары ${f.units(b.parts, 'or')} бар`, later_units_in_file: 'себебі файл сол жылдары кейінгі шекарада', user: 'себебі файл қазіргі шекарада деп көрсеттіңіз' }[b.because]
    }.`,
  ui: {
    sheet: 'Парақ', hiddenSheet: '(жасырын)', headerRow: 'Тақырып жолы', moveHeader: 'Тақырып мына жолда', titles: 'Тақырыптан жоғары жолдар (оқылмайды)', sections: 'Бөлім жолдары', footnotes: 'Кестеден төмендегі сілтемелер (оқылмайды)', layout: 'Кесте түрі', layoutSpread: 'Мән бағандары', yearForFile: 'Барлық жолдың жылы (жыл бағаны жоқ)', yearFromName: 'файл атауынан алынды', borders: 'Шекаралар', bordersByYear: 'Әр жылдың шекарасы', bordersCurrent: 'Барлық жылға қазіргі шекара', decisions: 'Файл мәтінмәні бойынша оқылған атаулар (қате болса, өзгертіңіз)', questions: 'Бірнеше өңірдің атауы: таңдаңыз', suggestions: 'Сәйкестігі жоқ атауларға ықтимал өңірлер (әрқайсысын растаңыз)', confirm: 'Растау', change: 'Өзгерту', gaps: 'Дерегі жоқ ұяшықтар', workbookNotes: 'Excel кітабы туралы', back: 'Бағандарға оралу', setAside: 'Дерек ретінде оқылмаған жолдар',
  },
  or: 'немесе',
  and: 'және',
  quote: ['«', '»'],
}; // prettier-ignore

export const IMPORT_TEXTS: Record<ImportLang, ImportTexts> = { en, ru, kk };

/** The helpers for a language; `unitName` turns a unit code into its name (the page's placeName). */
export function importFmt(lang: ImportLang, unitName: (code: string) => string = (c) => c): Fmt {
  const t = IMPORT_TEXTS[lang];
  const number = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 });
  const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);
  return {
    n: (value) => number.format(value),
    q: (text) => `${t.quote[0]}${clip(text ?? '')}${t.quote[1]}`,
    unit: (code) => (code ? unitName(code) : ''),
    units: (codes, joiner) => {
      const names = (codes ?? []).map((c) => unitName(c));
      return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${t[joiner]} ${names.at(-1)}`;
    },
    field: (field) => (field ? t.fields[field] : ''),
    mb: (bytes) =>
      `${new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1 }).format((bytes ?? 0) / 1048576)} MB`,
  };
}

/** A problem as a sentence in the language. */
export function formatImportProblem(p: ImportProblem, lang: ImportLang, unitName?: (code: string) => string): string {
  return IMPORT_TEXTS[lang].problems[p.code](p.params, importFmt(lang, unitName));
}

/** A row's problem with where it is: "flows.csv, line 12, column “2023”: …". */
export function formatImportIssue(issue: ImportIssue, lang: ImportLang, unitName?: (code: string) => string): string {
  const f = importFmt(lang, unitName);
  const t = IMPORT_TEXTS[lang];
  return `${t.at(issue.file, issue.line, issue.column, f)}: ${t.problems[issue.code](issue.params, f)}`;
}

/**
 * A problem of a boundary feature; a join problem (a name that matches no
 * unit, or several) says which feature, as geometry problems do.
 */
export function formatBoundaryIssue(
  issue: { code: ProblemCode; params: ProblemParams },
  lang: ImportLang,
  unitName?: (code: string) => string,
): string {
  const text = formatImportProblem(issue, lang, unitName);
  if (issue.code !== 'unknown_region' && issue.code !== 'ambiguous_region') return text;
  const where = { en: enWhere, ru: ruWhere, kk: kkWhere }[lang]({ feature: issue.params.feature });
  return `${where}: ${text}`;
}

export const formatNameDecision = (d: NameDecision, lang: ImportLang, unitName?: (code: string) => string) =>
  IMPORT_TEXTS[lang].decision(d, importFmt(lang, unitName));
export const formatNameQuestion = (q: NameQuestion, lang: ImportLang, unitName?: (code: string) => string) =>
  IMPORT_TEXTS[lang].question(q, importFmt(lang, unitName));
export const formatSuggestion = (text: string, s: Suggestion, lang: ImportLang, unitName?: (code: string) => string) =>
  IMPORT_TEXTS[lang].suggestion(text, s, importFmt(lang, unitName));
export const formatBorderDecision = (b: BorderDecision, lang: ImportLang, unitName?: (code: string) => string) =>
  IMPORT_TEXTS[lang].border(b, importFmt(lang, unitName));
export const layoutName = (kind: LayoutKind, lang: ImportLang) => IMPORT_TEXTS[lang].layouts[kind];
export const roleName = (role: ValueRole, lang: ImportLang) => IMPORT_TEXTS[lang].roles[role];
export const importUiText = (key: ImportUiKey, lang: ImportLang) => IMPORT_TEXTS[lang].ui[key];
