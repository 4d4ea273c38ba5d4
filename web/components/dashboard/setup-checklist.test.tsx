import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OnboardingChecklist } from "@/lib/api-types";
import { SetupChecklist } from "./setup-checklist";

afterEach(cleanup);

const list = (done: boolean[], over: Partial<OnboardingChecklist> = {}): OnboardingChecklist => {
  const ids = ["number", "agents", "script", "first_call"] as const;
  return {
    steps: ids.map((id, i) => ({ id, done: done[i] })),
    complete: done[3],
    next: ids.find((_, i) => !done[i]) ?? null,
    number: done[0] ? "+14155550100" : null,
    calls: 0,
    ...over,
  };
};

describe("SetupChecklist", () => {
  it("shows each step from the server and what to do next", () => {
    render(<SetupChecklist checklist={list([true, false, false, false])} />);
    expect(screen.getByText("1 of 4 done", { exact: false })).toBeTruthy();
    expect(screen.getByTestId("checklist-number").dataset.done).toBe("true");
    expect(screen.getByRole("link", { name: "Add agents" }).getAttribute("href")).toBe("/agents");
    // The test call needs someone to ring.
    expect((screen.getByRole("button", { name: "Make a test call" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Call \(415\) 555-0100/)).toBeTruthy();
  });

  it("lets the test call start once there is a number and an agent", () => {
    render(<SetupChecklist checklist={list([true, true, false, false])} />);
    expect((screen.getByRole("button", { name: "Make a test call" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("is gone once a call has been analysed", () => {
    const { container } = render(<SetupChecklist checklist={list([true, true, false, true])} />);
    expect(container.textContent).toBe("");
  });
});
