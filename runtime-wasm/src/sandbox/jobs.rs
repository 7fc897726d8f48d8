//! The job queue. Contracts have promise jobs and the module loader's async jobs,
//! but no timers; each job is charged gas, so a flood of promise jobs ends in
//! `OutOfGas` like any other loop.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context as TaskContext, Poll, Waker};

use boa_engine::error::PanicError;
use boa_engine::job::{GenericJob, Job, JobExecutor, NativeAsyncJob, PromiseJob};
use boa_engine::{Context, JsResult, JsValue};

use crate::gas::cost;
use crate::host;

#[derive(Default)]
pub struct GasJobQueue {
    queue: RefCell<VecDeque<Queued>>,
}

enum Queued {
    Promise(PromiseJob),
    Generic(GenericJob),
    Async(NativeAsyncJob),
}

impl JobExecutor for GasJobQueue {
    fn enqueue_job(self: Rc<Self>, job: Job, _context: &mut Context) {
        match job {
            Job::PromiseJob(job) => self.queue.borrow_mut().push_back(Queued::Promise(job)),
            Job::GenericJob(job) => self.queue.borrow_mut().push_back(Queued::Generic(job)),
            Job::AsyncJob(job) => self.queue.borrow_mut().push_back(Queued::Async(job)),
            // Timers and finalization cleanups do not exist in a contract.
            _ => {}
        }
    }

    fn run_jobs(self: Rc<Self>, context: &mut Context) -> JsResult<()> {
        loop {
            let next = self.queue.borrow_mut().pop_front();
            let Some(job) = next else { return Ok(()) };
            host::charge(context, cost::PROMISE_JOB)?;
            let result = match job {
                Queued::Promise(job) => job.call(context),
                Queued::Generic(job) => job.call(context),
                Queued::Async(job) => run_ready(job.call(&RefCell::new(&mut *context))),
            };
            if let Err(error) = result {
                // Uncatchable errors (out of gas, aborts) end the run; ordinary job errors
                // were already turned into promise rejections by the engine.
                if error.as_engine().is_some() {
                    self.queue.borrow_mut().clear();
                    return Err(error);
                }
            }
        }
    }
}

/// Drives a host future to completion. Tana's async jobs (module loading) never wait
/// on anything outside the engine, so they finish on their first poll.
fn run_ready(future: impl Future<Output = JsResult<JsValue>>) -> JsResult<JsValue> {
    let mut future = pin!(future);
    let mut task = TaskContext::from_waker(Waker::noop());
    match future.as_mut().poll(&mut task) {
        Poll::Ready(result) => result,
        Poll::Pending => Err(PanicError::new("a host job waited on something outside the engine").into()),
    }
}
