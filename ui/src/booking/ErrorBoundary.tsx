import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorNotice } from "./parts";

/** A bug in a screen must never leave a blank page: say so and offer to start again. */
export class ErrorBoundary extends Component<{ children: ReactNode; onReset: () => void }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("screen crashed", error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorNotice
        error={{ code: "unexpected", message: "" }}
        testId="crash"
        onRetry={() => {
          this.setState({ failed: false });
          this.props.onReset();
        }}
      />
    );
  }
}
