import { useTranslation } from 'react-i18next';
import { InfoIcon } from '../../ui/icons';

/** The two ways images travel as files, side by side: people mix them up, and a wrong file fails late. */
export function ImportExplainer() {
  const { t } = useTranslation();
  return (
    <aside className="job-dialog-explainer" data-testid="import-explainer">
      <InfoIcon className="job-dialog-explainer-icon" />
      <div>
        <strong>{t('importDialog.explainTitle')}</strong>
        <ul>
          <li>{t('importDialog.explainSaveLoad')}</li>
          <li>{t('importDialog.explainExportImport')}</li>
        </ul>
        <p>{t('importDialog.explainWrongFile')}</p>
      </div>
    </aside>
  );
}
