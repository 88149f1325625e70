import { useEffect, useState } from "react";
import { backend, type DemoCitizen } from "../backend";

/** The demo region's citizens for the forms' "Cittadini di prova" (none on a real backend). */
export function useDemoCitizens(demo: boolean): DemoCitizen[] {
  const [citizens, setCitizens] = useState<DemoCitizen[]>([]);
  useEffect(() => {
    if (!demo) return;
    let live = true;
    backend.demoCitizens().then(
      (list) => {
        if (live) setCitizens(list);
      },
      (thrown: unknown) => console.warn("demo_citizens failed", thrown),
    );
    return () => {
      live = false;
    };
  }, [demo]);
  return citizens;
}
