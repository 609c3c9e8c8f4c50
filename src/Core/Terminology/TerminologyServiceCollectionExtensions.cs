using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Serverless.Core.Terminology;

public static class TerminologyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITerminologyExtractor"/> as a singleton. The MiniLM model behind it is loaded once
    /// per process on first use, not at registration, so hosts that never extract terms pay nothing.
    /// </summary>
    public static IServiceCollection AddTerminology(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ITextEmbedder, MiniLmTextEmbedder>();
        services.TryAddSingleton<ITerminologyExtractor>(sp => new KeyphraseExtractor(sp.GetRequiredService<ITextEmbedder>()));
        return services;
    }
}
