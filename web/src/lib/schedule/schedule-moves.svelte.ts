import { getContext, setContext, tick } from 'svelte';
import { timeWindow } from '$lib/format';
import type { Schedule, ScheduleWorkOrder } from './schedule';
import type { Axis } from './layout';
import { fitOf, isSamePlacement, minutesAtOffset, movedTo, nudged, placementOf, resizedBy, stepsOf, verdictOf, type ArrowKey, type Fit, type Placement, type Proposal } from './moves';

/** How near an edge of the board or the window the pointer scrolls it during a drag, and by how much a frame. */
const EDGE_PX = 40;
const SCROLL_STEP_PX = 12;

/** The element that tells a keyboard user how to move a job (the page renders it once). */
export const MOVE_HELP_ID = 'schedule-move-help';

/** What the moves need to know of the board shown. */
export interface ScheduleView {
	schedule: Schedule;
	axis: Axis;
	/** The technicians' columns, left to right. */
	technicianIds: string[];
}

/** A move ready to send; `override` books it into time the technician does not work, on purpose. */
export type ReadyProposal = Proposal & { target: Placement; override?: boolean };

/** Why a move was refused, and the move again when the dispatcher may insist (time outside the technician's hours). */
export interface Refusal {
	reason: string;
	retry?: ReadyProposal;
}

/**
 * The moves of one day board: the job being dragged or moved with the keyboard and where it would go, the move
 * the API is deciding, the reasons beside refused jobs, and what is said to a screen reader. The page sends
 * a move (`send`) and reports what came of it.
 */
export class ScheduleMoves {
	proposal = $state.raw<Proposal | null>(null);
	/** Sent, and not answered yet. */
	pending = $state.raw<ReadyProposal | null>(null);
	/** The reason beside a job whose move was refused, by work order id. */
	notices = $state.raw<Record<string, Refusal>>({});
	/** What the live region says. */
	announcement = $state('');
	/** Whether the proposal came from the keyboard (its block keeps the focus). */
	byKeyboard = $state(false);

	constructor(
		private readonly view: () => ScheduleView | null,
		private readonly send: (proposal: ReadyProposal) => Promise<void>
	) {}

	/** Whether the proposed target is free, as far as the board knows. */
	get fit(): Fit | null {
		const view = this.view();
		const proposal = this.proposal ?? this.pending;
		return view && proposal?.target ? fitOf(view.schedule, proposal.workOrder, proposal.target) : null;
	}

	isMoving(workOrderId: string): boolean {
		return this.proposal?.workOrder.id === workOrderId || this.pending?.workOrder.id === workOrderId;
	}

	begin(workOrder: ScheduleWorkOrder, mode: Proposal['mode'], byKeyboard: boolean) {
		if (this.pending) return;
		this.dismiss(workOrder.id);
		this.byKeyboard = byKeyboard;
		this.proposal = { workOrder, mode, target: placementOf(workOrder) };
		if (!byKeyboard) this.dropOnRelease();
	}

	/** Where the pointer is during a drag, and how far below the job's top it holds it. */
	private pointer: { x: number; y: number; grab: number } | null = null;

	/** The pointer moved during a drag: the target is what lies under it. */
	pointerAt(x: number, y: number, grab: number) {
		this.pointer = { x, y, grab };
		this.propose(this.dropTargetAt(x, y, grab));
	}

	/**
	 * A pointer drag ends when the button is released anywhere, even if a live change redrew the block being
	 * dragged (its drag handler then went with it): the drop is still sent, and the API then refuses a stale one.
	 * Held near an edge of the board or the window, the pointer scrolls it, so a column or an hour out of view
	 * can be reached.
	 */
	private dropOnRelease() {
		let frame = requestAnimationFrame(function scroll(this: void) {
			edgeScroll();
			frame = requestAnimationFrame(scroll);
		});
		const edgeScroll = () => {
			const pointer = this.pointer;
			if (!pointer) return;
			const scroller = document.querySelector<HTMLElement>('[data-schedule-scroller]');
			const before = [scroller?.scrollLeft ?? 0, window.scrollY];
			if (scroller) {
				const box = scroller.getBoundingClientRect();
				if (pointer.x < box.left + EDGE_PX) scroller.scrollLeft -= SCROLL_STEP_PX;
				else if (pointer.x > box.right - EDGE_PX) scroller.scrollLeft += SCROLL_STEP_PX;
			}
			if (pointer.y < EDGE_PX) window.scrollBy(0, -SCROLL_STEP_PX);
			else if (pointer.y > window.innerHeight - EDGE_PX) window.scrollBy(0, SCROLL_STEP_PX);
			if ((scroller?.scrollLeft ?? 0) !== before[0] || window.scrollY !== before[1]) this.propose(this.dropTargetAt(pointer.x, pointer.y, pointer.grab));
		};
		const stop = () => {
			cancelAnimationFrame(frame);
			this.pointer = null;
			window.removeEventListener('pointerup', drop);
			window.removeEventListener('pointercancel', cancel);
			this.endDrag = null;
		};
		const drop = () => {
			stop();
			void this.commit();
		};
		const cancel = () => {
			stop();
			this.cancel();
		};
		this.endDrag = stop;
		window.addEventListener('pointerup', drop);
		window.addEventListener('pointercancel', cancel);
	}

	/** Stops following the pointer (a drag canceled with Escape). */
	private endDrag: (() => void) | null = null;

	propose(target: Placement | null) {
		if (!this.proposal) return;
		this.proposal = { ...this.proposal, target };
		if (this.byKeyboard) this.say(this.describe());
	}

	/**
	 * The target under the pointer: a technician's column (`data-drop="technician"`, the job's top `grabPx` above
	 * the pointer) or the Unassigned queue (`data-drop="unassigned"`, same time); null elsewhere (a drop there changes nothing).
	 */
	dropTargetAt(x: number, y: number, grabPx: number): Placement | null {
		const view = this.view();
		const workOrder = this.proposal?.workOrder;
		if (!view || !workOrder) return null;
		const target = document.elementsFromPoint(x, y).find((element): element is HTMLElement => element instanceof HTMLElement && !!element.dataset.drop);
		if (!target) return null;
		if (target.dataset.drop === 'unassigned') return { ...placementOf(workOrder), technicianId: null };
		const minutes = minutesAtOffset(y - grabPx - target.getBoundingClientRect().top, view.axis);
		return movedTo(workOrder, target.dataset.technicianId ?? null, minutes, view.schedule.date, view.schedule.timeZone);
	}

	/** The lower edge dragged `offsetPx` down (up when negative). */
	resizeBy(offsetPx: number) {
		if (this.proposal?.mode === 'resize') this.propose(resizedBy(this.proposal.workOrder, stepsOf(offsetPx)));
	}

	/** A keyboard step; the first one picks the job up. */
	nudge(workOrder: ScheduleWorkOrder, key: ArrowKey, resize: boolean) {
		const view = this.view();
		if (!view || this.pending) return;
		const mode = resize ? 'resize' : 'move';
		if (this.proposal?.workOrder.id !== workOrder.id || this.proposal.mode !== mode || !this.proposal.target) this.begin(workOrder, mode, true);
		const proposal = this.proposal as ReadyProposal;
		this.propose(nudged(proposal, key, view.technicianIds, view.schedule.date, view.schedule.timeZone, view.axis));
	}

	cancel() {
		if (!this.proposal) return;
		if (!this.byKeyboard) this.endDrag?.();
		const { workOrder } = this.proposal;
		this.proposal = null;
		if (this.byKeyboard) this.say(`${workOrder.label} stays where it was.`);
	}

	/** Sends the proposed move, unless it goes nowhere. */
	async commit() {
		const proposal = this.proposal;
		this.proposal = null;
		if (!proposal?.target || isSamePlacement(proposal.target, placementOf(proposal.workOrder))) return;
		const ready = proposal as ReadyProposal;
		this.pending = ready;
		try {
			await this.send(ready);
		} finally {
			this.pending = null;
		}
	}

	/** Another day is shown: nothing of this one is moving or refused there. */
	reset() {
		this.proposal = null;
		this.notices = {};
	}

	refuse(workOrderId: string, reason: string, retry?: ReadyProposal) {
		this.notices = { ...this.notices, [workOrderId]: { reason, retry } };
		this.say(retry ? `${reason} Move anyway is beside it.` : reason);
	}

	/** The refused move sent again, overriding the technician's hours or time off. */
	async override(workOrderId: string) {
		const retry = this.notices[workOrderId]?.retry;
		if (!retry || this.pending) return;
		this.dismiss(workOrderId);
		this.pending = retry;
		try {
			await this.send({ ...retry, override: true });
		} finally {
			this.pending = null;
		}
	}

	dismiss(workOrderId: string) {
		if (!(workOrderId in this.notices)) return;
		const { [workOrderId]: _, ...rest } = this.notices;
		this.notices = rest;
	}

	say(text: string) {
		this.announcement = text;
	}

	nameOf(technicianId: string | null): string {
		return this.view()?.schedule.technicians.find((technician) => technician.id === technicianId)?.name ?? 'Unassigned';
	}

	/** "WO-1042 to Devon Carter, 2:00 PM – 3:00 PM: overlaps WO-1040. Enter saves, Escape cancels." */
	describe(): string {
		const proposal = this.proposal;
		const view = this.view();
		if (!proposal?.target || !view) return '';
		const fit = this.fit;
		const where = `${this.nameOf(proposal.target.technicianId)}, ${timeWindow(proposal.target.windowStart, proposal.target.windowEnd, view.schedule.timeZone)}`;
		const verdict = !fit || fit.fits ? 'free' : verdictOf(fit).toLowerCase();
		return `${proposal.workOrder.label} to ${where}: ${verdict}. Enter saves, Escape cancels.`;
	}
}

/**
 * Puts the focus on a job's block once the board is drawn: after a keyboard move (the block may be drawn anew in
 * another column), or when the control that had the focus went with a refusal's notice.
 */
export async function focusBlock(label: string): Promise<void> {
	await tick();
	document.querySelector<HTMLElement>(`[data-testid="work-order-${label}"]`)?.focus();
}

const KEY = Symbol('schedule-moves');

export const provideScheduleMoves = (moves: ScheduleMoves) => setContext(KEY, moves);

/** The board's moves, or none where a block is shown outside a board a dispatcher may change. */
export const scheduleMoves = () => getContext<ScheduleMoves | undefined>(KEY);
