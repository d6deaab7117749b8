// Alerts of a controller that reconciles one environment name it and its account, so that
// alerts from several controllers (one per environment) of one repository can be told apart.
import type { AlertSink } from './dispatcher.js';

export function environmentAlerts(
  sink: AlertSink,
  where: () => { environment?: string | undefined; account?: string | undefined },
): AlertSink {
  return {
    send: (alert) => {
      const { environment, account } = where();
      if (environment === undefined) return sink.send(alert);
      sink.send({
        ...alert,
        title: `[${environment}] ${alert.title}`,
        environment,
        ...(account ? { account } : {}),
        // The same condition in two environments is two alerts.
        fingerprint: `${environment}|${alert.fingerprint}`,
      });
    },
    forget: (fingerprint) => {
      const { environment } = where();
      sink.forget(environment === undefined ? fingerprint : `${environment}|${fingerprint}`);
    },
  };
}
