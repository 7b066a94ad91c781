import { useTranslation } from 'react-i18next';
import { SEGMENT_KINDS } from '#libs/content';
import { currentLanguage } from '../../i18n/i18n.js';
import { useLanguageNames } from '../../lib/language-names.js';
import type { RenderingReport } from '#libs/contracts';
import type { ProjectImportReport, FootnoteProblem } from './imports-api.js';

/** What an import found and wrote, in words and numbers a publisher can check against the book. */
export function ImportReportView({ report }: { report: ProjectImportReport }) {
  const { t } = useTranslation();
  const uiLanguage = currentLanguage();
  const languageName = useLanguageNames(uiLanguage);
  const number = new Intl.NumberFormat(uiLanguage);
  const kinds = SEGMENT_KINDS.filter((kind) => (report.segmentsByKind[kind] ?? 0) > 0);
  const { footnotes } = report;

  return (
    <section className="report" aria-labelledby="import-report-title" data-testid="import-report">
      <h3 id="import-report-title" className="report__title">
        {report.mode === 'translation'
          ? t('imports.report.titleTranslation', { language: languageName(report.language) })
          : t('imports.report.titleSource', { language: languageName(report.language) })}
      </h3>

      <dl className="report__figures">
        <Figure label={t('imports.report.documents')} value={number.format(report.documents)} testId="report-documents" />
        <Figure label={t('imports.report.segments')} value={number.format(report.segments)} testId="report-segments" />
        <Figure label={t('imports.report.footnoteReferences')} value={number.format(footnotes.references)} testId="report-footnote-references" />
        <Figure label={t('imports.report.footnoteBodies')} value={number.format(footnotes.bodies)} testId="report-footnote-bodies" />
        <Figure label={t('imports.report.footnotesLinked')} value={number.format(footnotes.linked)} testId="report-footnotes-linked" />
        {report.pages > 0 && <Figure label={t('imports.report.pages')} value={number.format(report.pages)} />}
        {report.encoding !== 'docx' && <Figure label={t('imports.report.encoding')} value={report.encoding.toUpperCase()} testId="report-encoding" />}
      </dl>

      {report.encodingReport && report.encodingReport.name !== 'utf-8' && (
        <p className="report__encoding" data-testid="report-encoding-confidence">
          {t('imports.report.encodingConfidence', {
            encoding: report.encoding.toUpperCase(),
            how: t(report.encodingReport.chosenBy === 'user' ? 'imports.report.encodingChosen' : 'imports.report.encodingDetected'),
            percent: number.format(Math.round(report.encodingReport.confidence * 100)),
          })}
        </p>
      )}
      {report.rendering && <RenderingPart rendering={report.rendering} />}

      {kinds.length > 0 && (
        <div className="report__part">
          <h4 className="report__subtitle">{t('imports.report.segmentsByKind')}</h4>
          <ul className="report__kinds">
            {kinds.map((kind) => (
              <li key={kind}>
                <span>{t(`segmentKinds.${kind}`)}</span> <strong>{number.format(report.segmentsByKind[kind] ?? 0)}</strong>
              </li>
            ))}
          </ul>
        </div>
      )}

      <Problems
        title={t('imports.report.unresolved', { n: footnotes.unresolvedReferences.length })}
        explanation={t('imports.report.unresolvedHint')}
        problems={footnotes.unresolvedReferences}
        titles={report.documentTitles}
        testId="report-unresolved"
      />
      <Problems
        title={t('imports.report.orphans', { n: footnotes.orphanBodies.length })}
        explanation={t('imports.report.orphansHint')}
        problems={footnotes.orphanBodies}
        titles={report.documentTitles}
        testId="report-orphans"
      />

      <div className="report__part" data-testid="report-warnings">
        <h4 className="report__subtitle">{t('imports.report.warnings', { n: report.warnings.length })}</h4>
        {report.warnings.length === 0 ? (
          <p className="muted">{t('imports.report.noWarnings')}</p>
        ) : (
          <ul className="report__list">
            {report.warnings.map((warning, index) => (
              <li key={index}>
                {warning.line !== undefined && (
                  <span className="report__line">{t('imports.report.line', { line: warning.line })}</span>
                )}{' '}
                {warning.message} <code className="report__code">{warning.code}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** Which rendering the file was read as and why, the lines left out, and the headings that were guesses. */
function RenderingPart({ rendering }: { rendering: RenderingReport }) {
  const { t } = useTranslation();
  const number = new Intl.NumberFormat(currentLanguage());
  const name = (n: RenderingReport['name']): string => t(`imports.renderings.${n}`);
  return (
    <div className="report__part" data-testid="report-rendering" data-rendering={rendering.name}>
      <h4 className="report__subtitle">
        {t('imports.report.rendering')}: <span data-testid="report-rendering-name">{name(rendering.name)}</span>
      </h4>
      <p className="muted">
        {rendering.chosenBy === 'detection'
          ? t('imports.report.renderingDetected')
          : rendering.detected === rendering.name
            ? t('imports.report.renderingChosenSame')
            : t('imports.report.renderingChosen', { detected: name(rendering.detected) })}
        {rendering.reasons.length > 0 && ' · '}
        {rendering.reasons
          .filter((r) => r.code !== 'CHOSEN_BY_USER')
          .map((r) => t(`imports.report.reasons.${r.code}`, { count: r.count }))
          .join(', ')}
      </p>
      {rendering.pageMarkers > 0 && (
        <p>{t('imports.report.pageMarkers', { markers: number.format(rendering.pageMarkers), transitions: number.format(rendering.pageTransitions) })}</p>
      )}
      {rendering.sourceAddress && <p className="report__source">{t('imports.report.source', { address: rendering.sourceAddress })}</p>}
      {rendering.droppedLines.length > 0 && (
        <details className="report__details" data-testid="report-dropped" open={rendering.droppedLines.length <= 12}>
          <summary>{t('imports.report.dropped', { n: rendering.droppedLines.length })}</summary>
          <p className="muted">{t('imports.report.droppedHint')}</p>
          <ul className="report__list">
            {rendering.droppedLines.map((line) => (
              <li key={`${line.line}-${line.reason}`}>
                <span className="report__line">{t('imports.report.line', { line: line.line })}</span> <q>{line.text}</q>{' '}
                <span className="muted">({t(`imports.report.droppedReasons.${line.reason}`)})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {rendering.guesses.length > 0 && (
        <details className="report__details" data-testid="report-guesses" open={rendering.guesses.length <= 12}>
          <summary>{t('imports.report.guesses', { n: rendering.guesses.length })}</summary>
          <p className="muted">{t('imports.report.guessesHint')}</p>
          <ul className="report__list">
            {rendering.guesses.map((guess, index) => (
              <li key={index}>
                <span className="report__line">{t('imports.report.line', { line: guess.line })}</span> {guess.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="report__figure" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Problems({
  title,
  explanation,
  problems,
  titles,
  testId,
}: {
  title: string;
  explanation: string;
  problems: FootnoteProblem[];
  titles: Record<string, string>;
  testId: string;
}) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="report__part report__part--problems" data-testid={testId}>
      <h4 className="report__subtitle">{title}</h4>
      <p className="muted">{explanation}</p>
      <ul className="report__list">
        {problems.map((problem, index) => (
          <li key={index}>
            {t('imports.report.problem', { document: titles[problem.document] ?? problem.document, label: problem.label })}
          </li>
        ))}
      </ul>
    </div>
  );
}
