"use client";
import { useEffect } from "react";
import { request } from "@/lib/api";
import type { Body, Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";
import { useMutation } from "../mutation";

export type AlertRuleList = Ok<"/api/v1/alerts/rules">;
export type AlertRule = AlertRuleList["rules"][number];
export type AlertRuleBody = Body<"/api/v1/alerts/rules", "post">;
export type AlertRulePatch = Body<"/api/v1/alerts/rules/{id}", "patch">;
export type AlertDeliveryList = Ok<"/api/v1/alerts/deliveries">;
export type AlertDelivery = AlertDeliveryList["deliveries"][number];
export type AlertKind = AlertRule["kind"];

const rules = "/api/v1/alerts/rules";
const deliveries = "/api/v1/alerts/deliveries";
const one = (id: string) => `${rules}/${encodeURIComponent(id)}`;

export const alertKeys = { rules, deliveries };

/** The organisation's alert rules (URLs and secrets only for owners and managers). */
export function useAlertRules() {
  return useApi<AlertRuleList>(rules);
}

/** The delivery log, newest first; refetched every 5 s while a delivery is pending. */
export function useAlertDeliveries() {
  const state = useApi<AlertDeliveryList>(deliveries);
  const pending = !!state.data?.deliveries.some((d) => d.status === "pending");
  const { reload } = state;
  useEffect(() => {
    const t = setInterval(() => void reload(), pending ? 5000 : 15000);
    return () => clearInterval(t);
  }, [pending, reload]);
  return state;
}

/** Creates, changes (PATCH: only the fields given) and deletes rules; each success refreshes the rules and the log. */
export function useAlertRuleMutation() {
  const { run, ...state } = useMutation([rules, deliveries]);
  return {
    ...state,
    create: (b: AlertRuleBody) => run(() => request<AlertRule>("POST", rules, b)),
    update: (id: string, b: AlertRulePatch) => run(() => request<AlertRule>("PATCH", one(id), b)),
    remove: (id: string) => run(() => request<void>("DELETE", one(id))),
  };
}
