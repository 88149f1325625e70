import { useTranslation } from "react-i18next";
import type { AppInfo, BackendError } from "../backend";
import { errorMessageKey } from "../i18n/errors";

interface Props {
  info: AppInfo | null;
  error: BackendError | null;
}

export function Footer({ info, error }: Props) {
  const { t } = useTranslation();
  return (
    <footer className="it-footer cup-footer">
      <div className="container">
        <p className="cup-footer__region">{t("app.region")}</p>
        <p className="cup-footer__name">{t("app.name")}</p>
        <p className="cup-footer__tagline">{t("app.tagline")}</p>
        <ul className="cup-footer__facts">
          <li>{t("footer.license")}</li>
          {info !== null && <li>{t("footer.version", { version: info.version })}</li>}
          {info !== null && (
            <li>
              {info.backendUrl === null
                ? t("footer.backendDemo")
                : t("footer.backendRemote", { url: info.backendUrl })}
            </li>
          )}
          {error !== null && (
            <li>
              <span>{t("footer.infoUnavailable")}</span> <span>{t(errorMessageKey(error))}</span>
            </li>
          )}
        </ul>
      </div>
    </footer>
  );
}
