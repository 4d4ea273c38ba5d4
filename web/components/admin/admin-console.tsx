// The admin console: unit economics, AI analysis, usage, pipeline health, dead letters and
// tenants, one section per file beside this one.
"use client";
import { useState } from "react";
import { PageHeader } from "../ui/card";
import { Input } from "../ui/field";
import { AiAnalysisSection } from "./ai-analysis";
import { DeadJobsSection } from "./dead-jobs-section";
import { MarginSection } from "./margin-section";
import { PipelineSection } from "./pipeline-section";
import { TenantsSection } from "./tenants-section";
import { PricingCards } from "../plans/pricing-cards";
import { Card, CardHeader } from "../ui/card";
import { UsageSection } from "./usage-section";

function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

export function AdminConsole() {
  const [month, setMonth] = useState(thisMonth());
  return (
    <>
      <PageHeader
        title="Admin console"
        description="What every tenant pays and costs us, how calls are analysed, and how the pipeline is doing."
        actions={<Input label="Month" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} className="w-44" />}
      />
      <MarginSection month={month} />
      <AiAnalysisSection month={month} />
      <div className="mt-10 grid gap-6 xl:grid-cols-2">
        <UsageSection />
        <PipelineSection />
      </div>
      <div className="mt-6 space-y-6">
        <DeadJobsSection />
        <TenantsSection />
        <Card>
          <CardHeader title="Price list" description="What the landing page and sign-up offer (public.plans); a tenant's billed price is set separately." />
          <div className="p-5">
            <PricingCards compact />
          </div>
        </Card>
      </div>
    </>
  );
}
