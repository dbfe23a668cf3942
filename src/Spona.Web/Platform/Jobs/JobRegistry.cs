namespace Spona.Web.Platform.Jobs;

/// <summary>The jobs this instance knows, from the registrations of every module.</summary>
internal sealed class JobRegistry(IEnumerable<JobTypeRegistration> types, IEnumerable<RecurringJobRegistration> recurring)
{
    public const string RecurringGroup = "recurring";
    public const string OnceGroup = "once";

    /// <summary>The job data key that names the job type (by its registered name).</summary>
    public const string TypeKey = "spona.job";

    private readonly Dictionary<string, JobTypeRegistration> byName = Index(types, recurring);

    public IReadOnlyList<RecurringJobRegistration> Recurring { get; } = [.. recurring];

    public JobTypeRegistration? Find(string name) => byName.GetValueOrDefault(name);

    public JobTypeRegistration? FindOneOff(Type jobType) =>
        byName.Values.FirstOrDefault(r => r.JobType == jobType && !Recurring.Any(c => c.Name == r.Name));

    private static Dictionary<string, JobTypeRegistration> Index(IEnumerable<JobTypeRegistration> types, IEnumerable<RecurringJobRegistration> recurring)
    {
        var index = new Dictionary<string, JobTypeRegistration>(StringComparer.Ordinal);
        foreach (var registration in types.Concat(recurring.Select(r => new JobTypeRegistration(r.Name, r.JobType, r.Retry))))
        {
            if (!index.TryAdd(registration.Name, registration))
            {
                throw new InvalidOperationException($"Two jobs are registered with the name '{registration.Name}'.");
            }
        }

        return index;
    }
}
